package dev.aiops.platform.config;

import dev.aiops.platform.error.ProblemFactory;
import dev.aiops.platform.security.DevTokenIssuer;
import dev.aiops.platform.security.SecurityProperties;
import dev.aiops.platform.security.ServiceTokenProvider;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** What every service gets whatever its web stack: problems, tokens, service endpoints. */
@AutoConfiguration
@EnableConfigurationProperties({SecurityProperties.class, ServiceEndpointsProperties.class})
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemFactory problemFactory(ObjectProvider<Tracer> tracer) {
        return new ProblemFactory(tracer.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "aiops.security", name = "dev-mode", havingValue = "true")
    DevTokenIssuer devTokenIssuer(SecurityProperties properties) {
        return new DevTokenIssuer(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceTokenProvider serviceTokenProvider(
            ObjectProvider<DevTokenIssuer> devIssuer,
            SecurityProperties properties,
            @Value("${spring.application.name:aiops-service}") String serviceName) {
        return new ServiceTokenProvider(devIssuer.getIfAvailable(), properties.serviceToken(), serviceName);
    }
}
