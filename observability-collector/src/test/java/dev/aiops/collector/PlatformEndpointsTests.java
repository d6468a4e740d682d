package dev.aiops.collector;

import dev.aiops.collector.support.CollectorIntegrationTest;
import dev.aiops.platform.test.PlatformContractTests;

@CollectorIntegrationTest
class PlatformEndpointsTests extends PlatformContractTests {

    // /api/v1/gpu/nodes exists now; a path under the same prefix without an endpoint still answers 404
    PlatformEndpointsTests() {
        super(Contract.of("/api/v1/alerts", "/api/v1/gpu/no-such-endpoint").withSchema("observability", "alert"));
    }
}
