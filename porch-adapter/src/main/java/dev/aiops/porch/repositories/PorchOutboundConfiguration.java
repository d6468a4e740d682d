package dev.aiops.porch.repositories;

import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform's URL guard, bound under {@code aiops.porch.url-guard.*}, and its pinned, redirect-free HTTP
 * client: registered Porch API servers are user-supplied URLs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    PorchProbeProperties.class,
    PorchApiProperties.class,
    RemoteGitProperties.class,
    PorchApiCredentialsProperties.class
})
class PorchOutboundConfiguration {

    @Bean(destroyMethod = "close")
    OutboundUrlGuard porchUrlGuard(PorchProperties properties) {
        return new OutboundUrlGuard(properties.urlGuard());
    }

    @Bean(destroyMethod = "close")
    GuardedHttpClients porchHttpClients(OutboundUrlGuard porchUrlGuard) {
        return new GuardedHttpClients(porchUrlGuard);
    }
}
