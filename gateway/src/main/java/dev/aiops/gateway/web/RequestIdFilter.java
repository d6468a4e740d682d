package dev.aiops.gateway.web;

import dev.aiops.gateway.error.ProblemResponses;
import dev.aiops.platform.error.RequestIds;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-ID}: the caller's when it looks like an id, else a new UUID
 * (so nobody can inject text into logs downstream). It goes to the service with the proxied request
 * and back on the response, including the gateway's own errors, hence first in the chain. Being
 * first, it also notes the original path for problems written after a fallback rewrote it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

    // the same rule as platform-commons' servlet RequestIdFilter, so the services keep our id
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String incoming = exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER);
        String requestId = incoming != null && SAFE_ID.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
        exchange.getAttributes()
                .put(
                        ProblemResponses.ORIGINAL_PATH_ATTRIBUTE,
                        exchange.getRequest().getPath().value());
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(RequestIds.HEADER, requestId)))
                .build();
        // set (not add) at commit time: a proxied service echoes the id and it must appear once
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
            return Mono.empty();
        });
        return chain.filter(withId);
    }
}
