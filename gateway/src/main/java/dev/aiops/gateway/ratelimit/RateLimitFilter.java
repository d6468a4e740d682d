package dev.aiops.gateway.ratelimit;

import dev.aiops.gateway.error.ProblemResponses;
import dev.aiops.model.error.ErrorCode;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Applies the rate limits after authentication (so the caller is known: the JWT subject, or the client
 * address when anonymous) and before anything is proxied.
 *
 * <p>Headers on every limited response describe the bucket that binds (see {@link TokenBuckets}):
 * {@code X-RateLimit-Limit} its capacity (the burst), {@code X-RateLimit-Remaining} the tokens left,
 * {@code X-RateLimit-Reset} the <em>seconds until it is full again</em> (a delta, not an epoch, so
 * clients need no synchronised clock). A 429 adds {@code Retry-After}: seconds until one token is back.
 *
 * <p>If Redis is down or slow (see {@link Limiter}: a bounded wait, then a circuit breaker) a request
 * goes through unlimited (fail open), unless the rule it matches is {@code fail-closed}: then it is
 * refused with 503 naming the limiter. Most limits protect the services from overload, they are not an
 * access control, and refusing every request because the limiter's store is away would turn a Redis
 * hiccup into a full outage; the fail-closed few are those where an unlimited burst costs more.
 */
class RateLimitFilter implements WebFilter, Ordered {

    /** Right after Spring Security's filter chain (-100), before routing. */
    static final int ORDER = -90;

    static final String KEY_PREFIX = "aiops:ratelimit:";

    private record CompiledRule(
            String name,
            Set<HttpMethod> methods,
            List<PathPattern> paths,
            RateLimitProperties.Limit limit,
            boolean failClosed) {

        boolean matches(HttpMethod method, PathContainer path) {
            return (methods.isEmpty() || methods.contains(method))
                    && paths.stream().anyMatch(pattern -> pattern.matches(path));
        }
    }

    private final Limiter limiter;
    private final RateLimitProperties properties;
    private final ProblemResponses problems;
    private final List<CompiledRule> rules;

    RateLimitFilter(Limiter limiter, RateLimitProperties properties, ProblemResponses problems) {
        this.limiter = limiter;
        this.properties = properties;
        this.problems = problems;
        this.rules = compile(properties.rules());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        // probes and scraping must never be throttled
        if (path.startsWith("/actuator/")) {
            return chain.filter(exchange);
        }
        Optional<CompiledRule> rule = ruleFor(request.getMethod(), path);
        return exchange.getPrincipal()
                .map(RateLimitFilter::identity)
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clientAddress(request)))
                .flatMap(identity -> limiter.take(bucketsFor(rule, identity)))
                .flatMap(decision -> {
                    if (decision.isEmpty()) {
                        return rule.filter(CompiledRule::failClosed).isPresent()
                                ? unavailable(exchange)
                                : chain.filter(exchange);
                    }
                    writeHeaders(exchange.getResponse().getHeaders(), decision.get());
                    return decision.get().allowed() ? chain.filter(exchange) : reject(exchange);
                });
    }

    List<TokenBuckets.Bucket> bucketsFor(HttpMethod method, String path, String identity) {
        return bucketsFor(ruleFor(method, path), identity);
    }

    private List<TokenBuckets.Bucket> bucketsFor(Optional<CompiledRule> rule, String identity) {
        List<TokenBuckets.Bucket> result = new ArrayList<>(3);
        result.add(new TokenBuckets.Bucket(KEY_PREFIX + "global", properties.global()));
        result.add(new TokenBuckets.Bucket(KEY_PREFIX + "user:" + identity, properties.perUser()));
        rule.ifPresent(r -> result.add(new TokenBuckets.Bucket(KEY_PREFIX + r.name() + ":" + identity, r.limit())));
        return result;
    }

    private Optional<CompiledRule> ruleFor(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return rules.stream().filter(rule -> rule.matches(method, container)).findFirst();
    }

    private Mono<Void> reject(ServerWebExchange exchange) {
        return problems.write(
                exchange, ErrorCode.RATE_LIMITED, "Too many requests; retry after the time in Retry-After");
    }

    private Mono<Void> unavailable(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return problems.write(
                exchange,
                ErrorCode.SERVICE_UNAVAILABLE,
                "The rate limiter is unavailable, and this operation is refused until it is back; retry later");
    }

    private static void writeHeaders(HttpHeaders headers, TokenBuckets.Decision decision) {
        headers.set("X-RateLimit-Limit", Long.toString(decision.limit()));
        headers.set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.set("X-RateLimit-Reset", Long.toString(ceilSeconds(decision.millisUntilFull())));
        if (!decision.allowed()) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(decision.millisUntilToken()))));
        }
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }

    private static String identity(Principal principal) {
        if (principal instanceof JwtAuthenticationToken jwt && jwt.getToken().getSubject() != null) {
            return "sub:" + jwt.getToken().getSubject();
        }
        return "name:" + principal.getName();
    }

    // the connection's peer; behind a proxy set server.forward-headers-strategy so this is the client
    static String clientAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static List<CompiledRule> compile(Map<String, RateLimitProperties.Rule> rules) {
        return rules.entrySet().stream()
                .map(entry -> {
                    RateLimitProperties.Rule rule = entry.getValue();
                    return new CompiledRule(
                            entry.getKey(),
                            rule.methods().stream().map(HttpMethod::valueOf).collect(Collectors.toSet()),
                            rule.paths().stream()
                                    .map(PathPatternParser.defaultInstance::parse)
                                    .toList(),
                            rule.asLimit(),
                            rule.failClosed());
                })
                .toList();
    }
}
