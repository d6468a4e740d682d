package dev.aiops.gateway.console;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import dev.aiops.platform.security.GatewayAccessRules;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The web console (the dashboard module's jar, files under {@code classpath:/dashboard/}) at {@code /}.
 * Vite names every asset after its content hash, so {@code /assets/**} may be cached for a year and never
 * revalidated; {@code index.html} names the current assets, so it is revalidated every time. The console's
 * client-side routes ({@link GatewayAccessRules#CONSOLE_ROUTES}) answer with index.html too, so a reload or
 * a bookmark of {@code /clusters/{id}} works. Only those paths: the API, {@code /v3/api-docs},
 * {@code /actuator} and {@code /ws} never reach this.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebFluxConfigurer {

    static final String LOCATION = "classpath:/dashboard/";
    private static final Resource INDEX = new ClassPathResource("dashboard/index.html");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(LOCATION + "assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    @Bean
    RouterFunction<ServerResponse> consoleIndex() {
        RequestPredicate pages = GET("/").or(GET("/index.html"));
        for (String route : GatewayAccessRules.CONSOLE_ROUTES) {
            pages = pages.or(GET(route));
        }
        return RouterFunctions.route(
                pages,
                request -> INDEX.exists()
                        ? ServerResponse.ok()
                                .contentType(MediaType.TEXT_HTML)
                                .cacheControl(CacheControl.noCache())
                                .body(BodyInserters.fromResource(INDEX))
                        : ServerResponse.notFound().build());
    }
}
