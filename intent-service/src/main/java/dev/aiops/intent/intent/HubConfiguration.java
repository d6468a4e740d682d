package dev.aiops.intent.intent;

import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The platform's URL guard and its pinned, redirect-free HTTP client, for the hub's listener callbacks. */
@Configuration(proxyBeanMethods = false)
class HubConfiguration {

    @Bean(destroyMethod = "close")
    OutboundUrlGuard hubUrlGuard(HubProperties properties) {
        return new OutboundUrlGuard(properties.urlGuard());
    }

    @Bean(destroyMethod = "close")
    GuardedHttpClients hubHttpClients(OutboundUrlGuard hubUrlGuard) {
        return new GuardedHttpClients(hubUrlGuard);
    }
}
