package dev.aiops.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the JVM's real PostgreSQL and Redis, each test class starting from empty
 * tables and an empty Redis.
 *
 * <p>On a Spring test ({@code @SpringBootTest}, {@code @DataJpaTest}, ...) the context gets
 * {@code spring.datasource.url/username/password} of the database {@value TestInfrastructure#DATABASE}
 * and {@code spring.data.redis.host/port}. Properties the test sets itself ({@code properties = ...},
 * {@code @TestPropertySource}, {@code @DynamicPropertySource}) still win. Every annotated class with the
 * same Spring configuration shares one cached context, so Flyway runs once per configuration.
 *
 * <p>Before each top-level test class, every table of every non-system schema is truncated except the
 * Flyway history tables and {@link #preserveTables()}; Redis is flushed. {@code @Nested} classes are not
 * cleaned again, so data set up by the enclosing class survives into them. For per-test cleanliness call
 * {@link TestInfrastructure#reset()} from a {@code @BeforeEach}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealInfrastructureExtension.class)
public @interface RealInfrastructure {

    /**
     * Tables the clean-up keeps, as {@code table} (any schema) or {@code schema.table}: reference data
     * that a Flyway migration inserted and that would not come back once truncated. A kept table that
     * references a truncated one is still emptied by {@code CASCADE}.
     */
    String[] preserveTables() default {};
}
