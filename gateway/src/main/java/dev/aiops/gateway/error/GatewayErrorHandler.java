package dev.aiops.gateway.error;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.error.ProblemFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.resource.ResourceWebHandler;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error the gateway raises itself becomes problem+json: unknown paths, framework errors, timeouts
 * and anything unexpected (a bare 500 whose cause is only logged). Ordered before Boot's default
 * handler (-1) so that one never renders its JSON error page.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final ProblemResponses problems;

    GatewayErrorHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        ProblemDetail problem = toProblem(exchange, ex);
        if (ex instanceof ResponseStatusException rse
                && problem.getStatus() == rse.getStatusCode().value()) {
            // e.g. Allow on 405; only when we kept the exception's own status
            exchange.getResponse().getHeaders().addAll(rse.getHeaders());
        }
        if (problem.getStatus() == 401) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return problems.write(exchange, problem);
    }

    private ProblemDetail toProblem(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof ApiException api) {
            return problems.problem(exchange, api.code(), api.getMessage(), api.violations());
        }
        if (ex instanceof WebExchangeBindException bind) {
            List<FieldViolation> violations = new ArrayList<>();
            for (FieldError error : bind.getFieldErrors()) {
                violations.add(new FieldViolation(error.getField(), error.getDefaultMessage()));
            }
            violations.sort(Comparator.comparing(FieldViolation::field));
            return problems.problem(exchange, ErrorCode.VALIDATION_FAILED, summary(violations), violations);
        }
        if (ex instanceof ServerWebInputException input) {
            return inputProblem(exchange, input);
        }
        if (ex instanceof MethodNotAllowedException
                && exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE)
                        instanceof ResourceWebHandler) {
            // only the static-file fallback mapping matched: the path does not exist at all
            return problems.problem(exchange, ErrorCode.NOT_FOUND, detailFor(404));
        }
        if (ex instanceof BodyTooLargeException tooLarge) {
            return problems.problem(exchange, ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getReason());
        }
        if (ex instanceof ResponseStatusException rse) {
            int status = rse.getStatusCode().value();
            ErrorCode code = ProblemFactory.codeFor(status);
            if (code == ErrorCode.INTERNAL_ERROR) {
                return unexpected(exchange, ex);
            }
            return problems.problem(exchange, code, detailFor(status));
        }
        if (ex instanceof DataBufferLimitException) {
            return problems.problem(exchange, ErrorCode.PAYLOAD_TOO_LARGE, detailFor(413));
        }
        if (ex instanceof AccessDeniedException) {
            return problems.problem(exchange, ErrorCode.FORBIDDEN, "You do not have permission for this operation");
        }
        if (ex instanceof AuthenticationException) {
            return problems.problem(exchange, ErrorCode.UNAUTHORIZED, "A valid bearer token is required");
        }
        return unexpected(exchange, ex);
    }

    private ProblemDetail inputProblem(ServerWebExchange exchange, ServerWebInputException ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                String field = jsonPath(jackson);
                String message = jackson instanceof UnrecognizedPropertyException
                        ? "unknown field"
                        : "has the wrong type or format";
                return problems.problem(
                        exchange,
                        ErrorCode.VALIDATION_FAILED,
                        field + ": " + message,
                        List.of(new FieldViolation(field, message)));
            }
            if (t instanceof DataBufferLimitException) {
                return problems.problem(exchange, ErrorCode.PAYLOAD_TOO_LARGE, detailFor(413));
            }
        }
        return problems.problem(exchange, ErrorCode.MALFORMED_REQUEST, "The request body is missing or not valid JSON");
    }

    private ProblemDetail unexpected(ServerWebExchange exchange, Throwable ex) {
        ProblemDetail problem = problems.problem(exchange, ErrorCode.INTERNAL_ERROR, "An unexpected error occurred");
        log.error(
                "Unexpected error on {} {} (trace_id={})",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(),
                problem.getProperties().get("trace_id"),
                ex);
        return problem;
    }

    /** Fixed texts: a framework exception's message may name classes, hosts or ports. */
    static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request is malformed";
            case 401 -> "A valid bearer token is required";
            case 403 -> "You do not have permission for this operation";
            case 404 -> "Nothing is served at this path";
            case 405 -> "This method is not allowed on this path";
            case 406 -> "None of the accepted media types can be produced";
            case 413 -> "The request body is too large";
            case 415 -> "The content type is not supported";
            case 429 -> "Too many requests";
            case 503 -> "A service needed for this request is unavailable";
            case 504 -> "The service did not answer in time";
            default -> ProblemFactory.codeFor(status).title();
        };
    }

    private static String jsonPath(JacksonException ex) {
        StringJoiner path = new StringJoiner(".");
        for (JacksonException.Reference ref : ex.getPath()) {
            path.add(ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]");
        }
        return path.toString().replace(".[", "[");
    }

    private static String summary(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            return "The request is invalid";
        }
        FieldViolation first = violations.get(0);
        String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
        return first.field() + ": " + first.message() + more;
    }
}
