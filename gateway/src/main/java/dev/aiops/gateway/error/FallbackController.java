package dev.aiops.gateway.error;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

import dev.aiops.model.error.ErrorCode;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where every route's circuit breaker forwards a failed call ({@code forward:/fallback/<service>}): a
 * problem naming the service instead of the framework's error. The breaker hands over whatever failed,
 * so a route timeout still answers 504 and only the rest (refused, reset, breaker open) 503.
 */
@Hidden
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    private final ProblemResponses problems;

    FallbackController(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("/fallback/{service}")
    Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure == null) {
            // called from outside rather than forwarded by a circuit breaker
            return problems.write(exchange, ErrorCode.NOT_FOUND, GatewayErrorHandler.detailFor(404));
        }
        BodyTooLargeException tooLarge = cause(failure, BodyTooLargeException.class);
        if (tooLarge != null) {
            return problems.write(exchange, ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getReason());
        }
        if (isTimeout(failure)) {
            log.warn("{} did not answer within the route timeout", service);
            return problems.write(
                    exchange, ErrorCode.UPSTREAM_TIMEOUT, "The " + service + " service did not answer in time");
        }
        log.warn("{} unavailable: {}", service, failure.toString());
        return problems.write(
                exchange,
                ErrorCode.SERVICE_UNAVAILABLE,
                "The " + service + " service is unavailable; try again shortly");
    }

    private static boolean isTimeout(Throwable failure) {
        return (failure instanceof ResponseStatusException rse
                        && rse.getStatusCode().value() == 504)
                || cause(failure, TimeoutException.class) != null;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
