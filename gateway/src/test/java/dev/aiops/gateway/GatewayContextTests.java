package dev.aiops.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.events.EventBus;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

class GatewayContextTests extends GatewayTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void shouldStartWithoutDatabaseOrEventBusWhenPlatformDefaultsNameOne() {
        assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();
        assertThat(context.getBeanNamesForType(EventBus.class)).isEmpty();
    }

    @Test
    void shouldKeepBootsRedisConnectionOnDatabaseZeroWhenRateLimitsUseOne() {
        // the rate-limit factory is not a bean, so Boot's stays the only RedisConnectionFactory
        assertThat(context.getBeansOfType(RedisConnectionFactory.class)).hasSize(1);
        LettuceConnectionFactory main = (LettuceConnectionFactory) context.getBean(RedisConnectionFactory.class);
        assertThat(main.getDatabase()).isZero();
    }
}
