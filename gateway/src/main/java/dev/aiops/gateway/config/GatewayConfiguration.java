package dev.aiops.gateway.config;

import dev.aiops.gateway.ratelimit.RateLimitProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({GatewayProperties.class, RateLimitProperties.class})
class GatewayConfiguration {

    // platform-commons only builds this for servlet services; the gateway documents its own endpoints
    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("AIOps NextGen — gateway")
                        .version("v1")
                        .description("Dev sign-in and aggregated health. Every service's API is listed in the"
                                + " Swagger UI selector and reached through this gateway."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
