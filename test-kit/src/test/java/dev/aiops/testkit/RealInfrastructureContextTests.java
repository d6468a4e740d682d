package dev.aiops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** Runs real Spring test contexts through the kit's customizer, as a service's tests would. */
class RealInfrastructureContextTests {

    private static final AtomicReference<ApplicationContext> firstContext = new AtomicReference<>();

    @Configuration(proxyBeanMethods = false)
    static class EmptyConfig {}

    @Test
    void shouldCustomizeOnlyAnnotatedClassesWithEqualCustomizers() {
        var factory = new RealInfrastructureContextCustomizerFactory();

        assertThat(factory.createContextCustomizer(RealInfrastructureContextTests.class, List.of()))
                .isNull();
        assertThat(factory.createContextCustomizer(FirstServiceTests.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(SecondServiceTests.class, List.of()))
                .hasSameHashCodeAs(factory.createContextCustomizer(SecondServiceTests.class, List.of()));
    }

    @Nested
    @SpringJUnitConfig(EmptyConfig.class)
    @RealInfrastructure
    class FirstServiceTests {

        @Autowired
        ApplicationContext context;

        @Test
        void shouldPointTheDatasourceAndRedisAtTheSharedServers(@Autowired Environment environment) {
            assertThat(environment.getProperty("spring.datasource.url"))
                    .isEqualTo(TestInfrastructure.database().jdbcUrl())
                    .endsWith("/aiops_test");
            assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("postgres");
            assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo("127.0.0.1");
            assertThat(environment.getProperty("spring.data.redis.port", Integer.class))
                    .isEqualTo(SharedRedis.get().port());
        }

        @Test
        void shouldShareOneContextWithOtherAnnotatedClasses() {
            assertThat(sameAsFirst(context)).isTrue();
        }
    }

    @Nested
    @SpringJUnitConfig(EmptyConfig.class)
    @RealInfrastructure
    class SecondServiceTests {

        @Autowired
        ApplicationContext context;

        @Test
        void shouldShareOneContextWithOtherAnnotatedClasses() {
            assertThat(sameAsFirst(context)).isTrue();
        }
    }

    @Nested
    @SpringJUnitConfig(EmptyConfig.class)
    @RealInfrastructure
    @TestPropertySource(properties = "spring.data.redis.port=6390")
    class OverridingTests {

        @Test
        void shouldLetTheTestsOwnPropertiesWin(@Autowired Environment environment) {
            assertThat(environment.getProperty("spring.data.redis.port")).isEqualTo("6390");
            assertThat(environment.getProperty("spring.datasource.url")).endsWith("/aiops_test");
        }
    }

    @Nested
    @SpringBootTest(classes = EmptyConfig.class, properties = "spring.data.redis.port=6391")
    @RealInfrastructure
    class SpringBootLoaderTests {

        @Test
        void shouldOverrideTheApplicationPropertiesButNotTheTestsOwn(@Autowired Environment environment) {
            assertThat(environment.getProperty("spring.datasource.url")).endsWith("/aiops_test");
            assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo("127.0.0.1");
            assertThat(environment.getProperty("spring.data.redis.port")).isEqualTo("6391");
        }
    }

    private static boolean sameAsFirst(ApplicationContext context) {
        return firstContext.compareAndSet(null, context) || firstContext.get() == context;
    }
}
