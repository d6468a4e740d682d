package dev.aiops.collector.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that need real clusters: the collector's context pointed at the real cluster-registry
 * of {@link FederationFixture}. Every subclass shares that one context.
 */
@CollectorIntegrationTest
public abstract class FederationIntegrationTest {

    protected static final FederationFixture FIXTURE = FederationFixture.get();

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry registry) {
        registry.add(
                "aiops.services.cluster-registry.url",
                () -> FIXTURE.registryUrl().toString());
        // a dead cluster must cost one short timeout in these tests
        registry.add("aiops.collector.federation.cluster-timeout", () -> "3s");
    }
}
