package dev.aiops.porch;

import dev.aiops.platform.test.PlatformContractTests;
import dev.aiops.porch.support.PorchIntegrationTest;

@PorchIntegrationTest
class PlatformEndpointsTests extends PlatformContractTests {

    PlatformEndpointsTests() {
        super(Contract.of("/api/v1/packages", "/api/v1/packages/x/nothing-here")
                .withSchema("porch", "package_revision"));
    }
}
