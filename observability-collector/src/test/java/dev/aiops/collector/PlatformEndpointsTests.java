package dev.aiops.collector;

import dev.aiops.collector.support.CollectorIntegrationTest;
import dev.aiops.platform.test.PlatformContractTests;

@CollectorIntegrationTest
class PlatformEndpointsTests extends PlatformContractTests {

    PlatformEndpointsTests() {
        super(Contract.of("/api/v1/alerts", "/api/v1/gpu/nodes").withSchema("observability", "alert"));
    }
}
