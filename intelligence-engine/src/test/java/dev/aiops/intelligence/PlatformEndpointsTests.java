package dev.aiops.intelligence;

import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.platform.test.PlatformContractTests;

@IntelligenceIntegrationTest
class PlatformEndpointsTests extends PlatformContractTests {

    PlatformEndpointsTests() {
        super(Contract.of("/api/v1/personas", "/api/v1/chat/no-such-endpoint")
                .withSchema("intelligence", "persona", "chat_session", "chat_message"));
    }
}
