package dev.aiops.platform.config;

import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.outbox.Outbox;
import dev.aiops.platform.outbox.OutboxProperties;
import dev.aiops.platform.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.api.Location;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox, for services with a database: the {@code outbox_event} and
 * {@code processed_event} tables come from {@code classpath:db/platform}, added to the service's own
 * Flyway locations so they land in the service's schema.
 */
@AutoConfiguration(
        after = EventBusAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"
        })
@ConditionalOnClass(name = "org.springframework.jdbc.core.JdbcTemplate")
@ConditionalOnBean(
        type = {
            "org.springframework.jdbc.core.JdbcTemplate",
            "dev.aiops.platform.events.EventBus",
            "org.springframework.transaction.PlatformTransactionManager"
        })
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            EventBus bus,
            OutboxProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        return new OutboxRelay(
                jdbc,
                new TransactionTemplate(transactionManager),
                bus,
                properties,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(JdbcTemplate jdbc, EventBus bus, OutboxRelay relay) {
        return new Outbox(jdbc, bus, relay);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer")
    static class PlatformMigrations {

        static final String LOCATION = "classpath:db/platform";

        @Bean
        FlywayConfigurationCustomizer platformMigrationsCustomizer() {
            return configuration -> {
                List<Location> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
                Location platform = new Location(LOCATION);
                if (!locations.contains(platform)) {
                    locations.add(platform);
                }
                configuration.locations(locations.toArray(Location[]::new));
                // platform migrations are numbered 0.x so that they run first on a new database; one added
                // later (0.2, the outbox's trace context) reaches existing databases after the service's own
                // V1..Vn, which Flyway only applies, instead of refusing to start, out of order
                configuration.outOfOrder(true);
            };
        }
    }
}
