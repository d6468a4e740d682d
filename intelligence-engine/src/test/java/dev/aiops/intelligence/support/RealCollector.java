package dev.aiops.intelligence.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Points the engine's collector tools at the real observability collector ({@link CollectorProcess})
 * instead of the stand-in of {@link TestServices}; the intent service stays the stand-in.
 */
public class RealCollector implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        MapPropertySource collector = new MapPropertySource(
                "chat-real-collector", Map.of("aiops.services.observability-collector.url", CollectorProcess.url()));
        // ahead of TestServices' stand-in, whichever initializer ran first
        sources.addFirst(collector);
    }
}
