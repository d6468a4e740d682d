package dev.aiops.intelligence.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the engine at the services its tools call: the real cluster registry ({@link RegistryProcess}),
 * and one WireMock server standing in for the observability collector, the intent service and porch-adapter, whose
 * stubs tests shape exactly as CONTRACTS.md describes their APIs.
 */
public class TestServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static WireMockServer platform;

    /** The stand-in for the collector and the intent service (paths do not overlap). */
    public static synchronized WireMockServer platform() {
        if (platform == null) {
            platform = new WireMockServer(options().dynamicPort());
            platform.start();
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "chat-platform-stub-stop"));
        }
        return platform;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "chat-test-services",
                        Map.of(
                                "aiops.services.cluster-registry.url", RegistryProcess.url(),
                                "aiops.services.observability-collector.url",
                                        platform().baseUrl(),
                                "aiops.services.intent-service.url", platform().baseUrl(),
                                // root-cause analysis reads package revisions (paths do not overlap either)
                                "aiops.services.porch-adapter.url", platform().baseUrl())));
    }
}
