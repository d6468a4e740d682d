package dev.aiops.platform.events;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries W3C trace context ({@code traceparent}, {@code tracestate}, and whatever else the configured
 * propagator writes) from the code that emits an event to the code that handles it, so one trace covers
 * "request accepted → event handled → what the handler did". The fields travel beside the envelope (outbox
 * column, stream entry fields), never inside it: the envelope is a contract other services parse.
 *
 * <p>Without tracing on the class path or configured, {@link #NONE} captures nothing and handlers simply run.
 */
public final class EventTracing {

    public static final EventTracing NONE = new EventTracing(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer == null ? Tracer.NOOP : tracer;
        this.propagator = propagator == null ? Propagator.NOOP : propagator;
    }

    /** The current span's context as propagation fields; empty when no span is in scope. */
    public Map<String, String> current() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return Map.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        propagator.inject(context, fields, Map::put);
        return fields;
    }

    /**
     * Runs {@code work} in a consumer span that continues the trace in {@code fields} (a new trace when they
     * carry none), ending the span afterwards and marking it failed when {@code work} throws; answers what
     * {@code work} answered.
     */
    <T, E extends Exception> T inConsumerSpan(String name, Map<String, String> fields, SpanWork<T, E> work) throws E {
        Span span = propagator
                .extract(fields, (carrier, key) -> carrier.get(key))
                .name(name)
                .kind(Span.Kind.CONSUMER)
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.run();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    @FunctionalInterface
    interface SpanWork<T, E extends Exception> {
        T run() throws E;
    }
}
