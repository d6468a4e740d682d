package dev.aiops.registry.support;

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

/**
 * The one Spring context the registry's integration tests share: the whole service on a random port,
 * real PostgreSQL and Redis from the test kit, dev tokens.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ActiveProfiles("test")
@AutoConfigureRestTestClient
@Import({Api.class, Tokens.class})
public @interface RegistryIntegrationTest {}
