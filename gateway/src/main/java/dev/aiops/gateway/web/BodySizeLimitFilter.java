package dev.aiops.gateway.web;

import dev.aiops.gateway.config.GatewayProperties;
import dev.aiops.gateway.error.BodyTooLargeException;
import dev.aiops.gateway.error.ProblemResponses;
import dev.aiops.model.error.ErrorCode;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses bodies above {@code aiops.gateway.max-body-size} with 413 problem+json: at once when
 * Content-Length says so, and while streaming for chunked bodies (the gateway caches bodies for the
 * circuit-breaker fallback, so an unbounded chunked upload would otherwise sit in memory).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodySizeLimitFilter implements WebFilter {

    private final long maxBytes;
    private final ProblemResponses problems;

    BodySizeLimitFilter(GatewayProperties properties, ProblemResponses problems) {
        this.maxBytes = properties.maxBodySize().toBytes();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return problems.write(
                    exchange,
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body exceeds the limit of " + maxBytes + " bytes");
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(new Limited(exchange.getRequest(), maxBytes))
                .build());
    }

    private static final class Limited extends ServerHttpRequestDecorator {

        private final long maxBytes;

        Limited(ServerHttpRequest delegate, long maxBytes) {
            super(delegate);
            this.maxBytes = maxBytes;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> {
                AtomicLong read = new AtomicLong();
                return super.getBody().map(buffer -> {
                    if (read.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        throw new BodyTooLargeException(maxBytes);
                    }
                    return buffer;
                });
            });
        }
    }
}
