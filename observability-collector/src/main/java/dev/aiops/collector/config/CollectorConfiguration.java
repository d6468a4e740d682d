package dev.aiops.collector.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CollectorProperties.class)
@EnableScheduling
class CollectorConfiguration {

    /** Picked up by the platform's resource-server chain in place of the default header-only resolver. */
    @Bean
    BearerTokenResolver prometheusBasicAuthTokenResolver() {
        return new PrometheusBasicAuthTokenResolver();
    }
}
