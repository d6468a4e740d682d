package dev.aiops.gateway.error;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.platform.error.ProblemFactory;
import dev.aiops.platform.error.ProblemJson;
import dev.aiops.platform.error.RequestIds;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every problem the gateway itself originates (filters, security, fallbacks, error handler), so
 * they all look like the services' problems: {@link ProblemFactory} members, {@code instance} = path.
 */
@Component
public class ProblemResponses {

    /**
     * The path the client asked for, kept by the first filter: a circuit-breaker fallback runs on a
     * rewritten exchange whose path is {@code /fallback/<service>}.
     */
    public static final String ORIGINAL_PATH_ATTRIBUTE = ProblemResponses.class.getName() + ".originalPath";

    private final ProblemFactory problems;
    private final JsonMapper json;

    public ProblemResponses(ProblemFactory problems, JsonMapper json) {
        this.problems = problems;
        this.json = json;
    }

    public ProblemDetail problem(ServerWebExchange exchange, ErrorCode code, String detail) {
        return problem(exchange, code, detail, List.of());
    }

    public ProblemDetail problem(
            ServerWebExchange exchange, ErrorCode code, String detail, List<FieldViolation> violations) {
        ProblemDetail problem = problems.create(code, detail, violations);
        String path = exchange.getAttributeOrDefault(
                ORIGINAL_PATH_ATTRIBUTE, exchange.getRequest().getPath().value());
        problem.setInstance(URI.create(path));
        // ProblemFactory reads the trace from a thread-local span or the MDC, neither of which a reactive
        // request has on the thread that fails; the server observation on the exchange knows the trace
        if (problem.getProperties() == null || problem.getProperties().get("trace_id") == null) {
            problem.setProperty("trace_id", traceId(exchange).orElseGet(() -> requestId(exchange)));
        }
        return problem;
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String detail) {
        return write(exchange, problem(exchange, code, detail));
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(ProblemJson.MEDIA_TYPE);
        response.getHeaders().remove("Content-Length");
        byte[] body = json.writeValueAsBytes(ProblemJson.toMap(problem));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    static Optional<String> traceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .map(span -> span.context().traceId());
    }

    private static String requestId(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER);
    }
}
