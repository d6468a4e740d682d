package dev.aiops.intent;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.platform.test.PlatformContractTests;

@IntentIntegrationTest
class PlatformEndpointsTests extends PlatformContractTests {

    PlatformEndpointsTests() {
        super(Contract.of("/api/v1/intents", "/api/v1/rules/none/unbuilt").withSchema("intents", "intent"));
    }
}
