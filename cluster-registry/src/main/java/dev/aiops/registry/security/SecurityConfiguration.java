package dev.aiops.registry.security;

import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.registry.config.RegistryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean(destroyMethod = "close")
    OutboundUrlGuard outboundUrlGuard(RegistryProperties properties) {
        return new OutboundUrlGuard(properties.urlGuard());
    }

    @Bean(destroyMethod = "close")
    OutboundHttp outboundHttp(OutboundUrlGuard guard) {
        return new OutboundHttp(guard);
    }
}
