package dev.aiops.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Adds the shared PostgreSQL and Redis coordinates to a test context's environment.
 *
 * <p>All instances are equal: the coordinates are the same for the whole JVM, and the context cache
 * keys on the customizers, so equal customizers let every annotated test class with the same Spring
 * configuration reuse one context. The servers start here, when a context is actually built, rather
 * than when the cache key is computed.
 */
final class RealInfrastructureContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE_NAME = "aiopsRealInfrastructure";

    // the test's own settings, which must keep precedence over ours
    private static final List<String> TEST_SOURCES =
            List.of(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, "Dynamic Test Properties");

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties());
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        String lastTestSource = null;
        for (var existing : sources) {
            if (TEST_SOURCES.contains(existing.getName())) {
                lastTestSource = existing.getName();
            }
        }
        if (lastTestSource == null) {
            sources.addFirst(source);
        } else {
            sources.addAfter(lastTestSource, source);
        }
    }

    static Map<String, Object> properties() {
        PostgresDatabase database = TestInfrastructure.database();
        SharedRedis redis = SharedRedis.get();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.data.redis.host", redis.host());
        properties.put("spring.data.redis.port", redis.port());
        return properties;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
