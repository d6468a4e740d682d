package dev.aiops.collector.alert;

import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The alert settings, and the platform's URL guard with its pinned, redirect-free HTTP client for the
 * Alertmanager poll: an {@code alertmanager_url} comes from a user's cluster registration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
class AlertConfiguration {

    @Bean(destroyMethod = "close")
    OutboundUrlGuard alertmanagerUrlGuard(AlertProperties properties) {
        return new OutboundUrlGuard(properties.poll().guard());
    }

    @Bean(destroyMethod = "close")
    GuardedHttpClients alertmanagerHttpClients(OutboundUrlGuard alertmanagerUrlGuard) {
        return new GuardedHttpClients(alertmanagerUrlGuard);
    }
}
