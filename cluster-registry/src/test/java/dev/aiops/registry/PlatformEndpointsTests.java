package dev.aiops.registry;

import dev.aiops.platform.test.PlatformContractTests;
import dev.aiops.registry.support.RegistryIntegrationTest;

@RegistryIntegrationTest
class PlatformEndpointsTests extends PlatformContractTests {

    PlatformEndpointsTests() {
        super(Contract.of("/api/v1/clusters", "/api/v1/clusters-archive").withSchema("clusters", "cluster"));
    }
}
