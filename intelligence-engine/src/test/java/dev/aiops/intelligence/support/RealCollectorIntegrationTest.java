package dev.aiops.intelligence.support;

import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.RealInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Like {@link LanguageModelIntegrationTest} (two models served by {@link LanguageModelStub}), but the
 * collector tools call the real observability collector ({@link CollectorProcess}) on the real registry,
 * with a real Prometheus behind it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@RealInfrastructure(preserveTables = "persona") // the built-in personas are seeded by V1
@ActiveProfiles("test")
@Import(Tokens.class)
@ContextConfiguration(initializers = {TestServices.class, LanguageModelStub.class, RealCollector.class})
public @interface RealCollectorIntegrationTest {}
