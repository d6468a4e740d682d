package dev.aiops.platform.config;

import dev.aiops.platform.error.ProblemFactory;
import dev.aiops.platform.error.ServletProblemHandler;
import dev.aiops.platform.security.ServiceTokenProvider;
import dev.aiops.platform.web.PageQueryArgumentResolver;
import dev.aiops.platform.web.RequestIdFilter;
import dev.aiops.platform.web.RequestSizeLimitFilter;
import dev.aiops.platform.web.ServiceClients;
import dev.aiops.platform.web.WebProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Servlet services: the problem handler, request id and size filters, service clients, OpenAPI. */
@AutoConfiguration(
        after = PlatformAutoConfiguration.class,
        afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class PlatformWebMvcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServletProblemHandler servletProblemHandler(ProblemFactory problems) {
        return new ServletProblemHandler(problems);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            WebProperties properties, ProblemFactory problems, JsonMapper json) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties.maxRequestSize(), problems, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    WebMvcConfigurer pageQueryArgumentResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new PageQueryArgumentResolver());
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(RestClient.Builder.class)
    static class ClientsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ServiceClients serviceClients(
                RestClient.Builder builder, ServiceEndpointsProperties endpoints, ServiceTokenProvider tokens) {
            return new ServiceClients(builder, endpoints, tokens);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenAPI.class)
    static class OpenApiConfiguration {

        @Bean
        @ConditionalOnMissingBean
        Jackson3SchemaConverter jackson3SchemaConverter() {
            return new Jackson3SchemaConverter();
        }

        @Bean
        PageQueryParameters pageQueryParameters() {
            return new PageQueryParameters();
        }

        @Bean
        @ConditionalOnMissingBean
        OpenAPI platformOpenApi(
                @Value("${spring.application.name:aiops-service}") String name,
                @Value("${aiops.openapi.description:AIOps NextGen service}") String description) {
            return new OpenAPI()
                    .info(new Info()
                            .title("AIOps NextGen — " + name)
                            .version("v1")
                            .description(description))
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
}
