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
 * The one Spring context the intelligence engine's integration tests share: the whole service on a random port
 * against the test kit's real PostgreSQL and Redis, a {@code RestTestClient} bound to it, dev tokens; the tools
 * call the real cluster registry and a stand-in for the collector and intent service ({@link TestServices}).
 * No language model is configured, so the fallback assistant answers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@RealInfrastructure(preserveTables = "persona") // the built-in personas are seeded by V1
@ActiveProfiles("test")
@Import(Tokens.class)
@ContextConfiguration(initializers = TestServices.class)
public @interface IntelligenceIntegrationTest {}
