package dev.aiops.testkit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives each top-level test class carrying {@link RealInfrastructure} empty tables and an empty Redis.
 *
 * <p>Runs before the class's Spring context is looked up, so the first class of a run cleans a database
 * Flyway has not migrated yet (nothing to do) and later classes clean what earlier ones left in the
 * cached context's tables.
 */
public class RealInfrastructureExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        // the enclosing class already cleaned up; cleaning again would wipe its @BeforeAll fixtures
        if (AnnotationSupport.isAnnotated(testClass, Nested.class)) {
            return;
        }
        String[] preserved = AnnotationSupport.findAnnotation(testClass, RealInfrastructure.class)
                .map(RealInfrastructure::preserveTables)
                .orElse(new String[0]);
        TestInfrastructure.reset(preserved);
    }
}
