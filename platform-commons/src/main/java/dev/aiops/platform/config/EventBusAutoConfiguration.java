package dev.aiops.platform.config;

import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.events.EventBusProperties;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.events.EventStreamsFactory;
import dev.aiops.platform.events.EventTracing;
import dev.aiops.platform.events.Notifications;
import dev.aiops.platform.events.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The Redis event bus: notifications, streams with consumer groups, processed-event ledger. */
@AutoConfiguration(
        after = DataRedisAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"
        })
@ConditionalOnBean(RedisConnectionFactory.class)
@EnableConfigurationProperties(EventBusProperties.class)
public class EventBusAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventBus eventBus(
            StringRedisTemplate redis,
            JsonMapper json,
            EventBusProperties properties,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        // W3C trace context travels beside each event, so consumers continue the emitter's trace
        EventTracing tracing = new EventTracing(tracer.getIfAvailable(), propagator.getIfAvailable());
        return new EventBus(redis, json, properties.streamMaxLength(), tracing);
    }

    @Bean
    @ConditionalOnMissingBean
    RedisMessageListenerContainer aiopsRedisMessageListenerContainer(RedisConnectionFactory connectionFactory) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connectionFactory);
        return container;
    }

    @Bean
    @ConditionalOnMissingBean
    Notifications notifications(RedisMessageListenerContainer container, EventBus bus) {
        return EventStreamsFactory.notifications(container, bus);
    }

    /**
     * Services without a database (realtime-streaming) keep the ledger in Redis. Declared on the outer class
     * so it is considered after {@link JdbcLedger}: member classes are processed before bean methods.
     */
    @Bean
    @ConditionalOnMissingBean
    ProcessedEvents redisProcessedEvents(StringRedisTemplate redis, EventBusProperties properties) {
        return EventStreamsFactory.redisProcessedEvents(redis, properties.processedRetention());
    }

    @Bean
    @ConditionalOnMissingBean
    EventStreams eventStreams(
            StringRedisTemplate redis,
            EventBus bus,
            ProcessedEvents processed,
            EventBusProperties properties,
            ObjectProvider<MeterRegistry> meters,
            @Value("${spring.application.name:aiops-service}") String serviceName) {
        String instance = properties.instanceId() != null
                ? properties.instanceId()
                : serviceName + "-" + ProcessHandle.current().pid() + "-" + hostName();
        return EventStreamsFactory.eventStreams(redis, bus, processed, instance, meters.getIfAvailable());
    }

    /** Services with a database record handled events in the same transaction as their own changes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.jdbc.core.JdbcTemplate")
    @ConditionalOnBean(
            type = {
                "org.springframework.jdbc.core.JdbcTemplate",
                "org.springframework.transaction.PlatformTransactionManager"
            })
    static class JdbcLedger {

        @Bean
        @ConditionalOnMissingBean
        ProcessedEvents processedEvents(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
            return EventStreamsFactory.jdbcProcessedEvents(jdbc, new TransactionTemplate(transactionManager));
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
