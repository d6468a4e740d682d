package dev.aiops.intelligence;

import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.platform.test.OpenApiRefusalTests;

/** Every operation of the intelligence engine's OpenAPI document, sent the bad requests of {@link OpenApiRefusalTests}. */
@IntelligenceIntegrationTest
class ApiRefusalTests extends OpenApiRefusalTests {}
