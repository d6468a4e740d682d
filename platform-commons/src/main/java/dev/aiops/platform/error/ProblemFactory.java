package dev.aiops.platform.error;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Instant;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds every RFC 9457 problem the platform returns, servlet or reactive alike: {@code title} and
 * status from the {@link ErrorCode}, plus the members {@code code}, {@code trace_id}, {@code timestamp}
 * and, for validation failures, {@code errors[]}.
 */
public class ProblemFactory {

    private final Tracer tracer;

    public ProblemFactory(Tracer tracer) {
        this.tracer = tracer == null ? Tracer.NOOP : tracer;
    }

    public ProblemDetail create(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
        problem.setTitle(code.title());
        enrich(problem, code);
        return problem;
    }

    public ProblemDetail create(ErrorCode code, String detail, List<FieldViolation> violations) {
        ProblemDetail problem = create(code, detail);
        if (!violations.isEmpty()) {
            problem.setProperty("errors", violations);
        }
        return problem;
    }

    public ProblemDetail create(ApiException ex) {
        ProblemDetail problem = create(ex.code(), ex.getMessage(), ex.violations());
        ex.properties().forEach(problem::setProperty);
        return problem;
    }

    /** Adds the platform members to a problem Spring built for one of its own exceptions. */
    public ProblemDetail enrich(ProblemDetail problem, ErrorCode code) {
        problem.setProperty("code", code.name());
        problem.setProperty("trace_id", currentTraceId());
        problem.setProperty("timestamp", Instant.now().toString());
        return problem;
    }

    /** The closest {@link ErrorCode} for a bare HTTP status, used for errors raised by the framework. */
    public static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 409 -> ErrorCode.CONFLICT;
            case 412 -> ErrorCode.PRECONDITION_FAILED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 428 -> ErrorCode.PRECONDITION_REQUIRED;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            case 504 -> ErrorCode.UPSTREAM_TIMEOUT;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST;
        };
    }

    private String currentTraceId() {
        Span span = tracer.currentSpan();
        if (span != null) {
            return span.context().traceId();
        }
        String fromMdc = MDC.get("traceId");
        return fromMdc != null ? fromMdc : MDC.get(RequestIds.MDC_KEY);
    }
}
