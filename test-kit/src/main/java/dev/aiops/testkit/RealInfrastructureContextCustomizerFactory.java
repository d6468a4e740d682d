package dev.aiops.testkit;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered in {@code META-INF/spring.factories}: points the Spring context of every test class
 * carrying {@link RealInfrastructure} (directly, inherited, meta-present or on an enclosing class of a
 * {@code @Nested} class) at the shared PostgreSQL and Redis. Not meant to be used directly.
 */
public class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, RealInfrastructure.class)) {
            return null;
        }
        return new RealInfrastructureContextCustomizer();
    }
}
