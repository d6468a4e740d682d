package dev.aiops.gateway.ratelimit;

import dev.aiops.gateway.error.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.ClientResources;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Rate-limit state lives in Redis database 1 (the platform's split: 0 events, 1 rate limits, 2 cache,
 * 3 sessions), on the same server as {@code spring.data.redis.*}. The connection factory is kept out of
 * the context on purpose: a second {@code RedisConnectionFactory} bean would make Boot's Redis
 * auto-configuration back off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "aiops.gateway.rate-limits", name = "enabled", matchIfMissing = true)
class RateLimitConfiguration {

    static final int RATE_LIMIT_DATABASE = 1;

    @Bean
    RateLimitRedis rateLimitRedis(
            DataRedisConnectionDetails connection, DataRedisProperties properties, ClientResources clientResources) {
        DataRedisConnectionDetails.Standalone standalone = connection.getStandalone();
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(
                standalone != null ? standalone.getHost() : properties.getHost(),
                standalone != null ? standalone.getPort() : properties.getPort());
        server.setDatabase(RATE_LIMIT_DATABASE);
        server.setUsername(connection.getUsername());
        server.setPassword(RedisPassword.of(connection.getPassword()));
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
                .clientResources(clientResources)
                // while disconnected, fail at once instead of queueing commands until Redis is back: the
                // limiter's answer is only useful now, and a queue would grow with every request
                .clientOptions(ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .build());
        if (properties.getSsl().isEnabled()) {
            client.useSsl();
        }
        if (properties.getTimeout() != null) {
            client.commandTimeout(properties.getTimeout());
        }
        LettuceConnectionFactory factory = new LettuceConnectionFactory(server, client.build());
        factory.afterPropertiesSet();
        factory.start();
        try {
            // connect now, so the first requests do not pay for it; Lettuce then reconnects by itself
            factory.getConnection().close();
        } catch (RuntimeException e) {
            // Redis down at startup: the gateway starts anyway, the limiter is unavailable until it is up
        }
        return new RateLimitRedis(factory);
    }

    @Bean
    TokenBuckets tokenBuckets(RateLimitRedis redis) {
        return new TokenBuckets(redis.template());
    }

    @Bean
    Limiter rateLimiter(
            TokenBuckets buckets, RateLimitProperties properties, ObjectProvider<CircuitBreakerRegistry> registry) {
        return new Limiter(buckets, properties, registry.getIfAvailable(CircuitBreakerRegistry::ofDefaults));
    }

    @Bean
    RateLimitFilter rateLimitFilter(Limiter limiter, RateLimitProperties properties, ProblemResponses problems) {
        return new RateLimitFilter(limiter, properties, problems);
    }

    @Bean
    UnauthenticatedThrottle unauthenticatedThrottle(Limiter limiter, RateLimitProperties properties) {
        return new UnauthenticatedThrottle(limiter, properties);
    }

    /** Owns the database-1 connection factory and closes it with the context. */
    static final class RateLimitRedis implements DisposableBean {

        private final LettuceConnectionFactory factory;
        private final ReactiveStringRedisTemplate template;

        RateLimitRedis(LettuceConnectionFactory factory) {
            this.factory = factory;
            this.template = new ReactiveStringRedisTemplate(factory);
        }

        ReactiveStringRedisTemplate template() {
            return template;
        }

        @Override
        public void destroy() {
            factory.destroy();
        }
    }
}
