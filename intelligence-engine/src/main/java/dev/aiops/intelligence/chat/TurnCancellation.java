package dev.aiops.intelligence.chat;

import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Ends a turn early when its SSE client went away: the model's stream is cancelled (which closes the HTTP
 * call to the model server) and no further tool round starts.
 */
final class TurnCancellation {

    private final Sinks.One<Boolean> sink = Sinks.one();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    static TurnCancellation never() {
        return new TurnCancellation();
    }

    void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            sink.tryEmitValue(Boolean.TRUE);
        }
    }

    boolean isCancelled() {
        return cancelled.get();
    }

    Mono<Boolean> signal() {
        return sink.asMono();
    }

    void throwIfCancelled() {
        if (cancelled.get()) {
            throw new Cancelled();
        }
    }

    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("The client went away", null, false, false);
        }
    }
}
