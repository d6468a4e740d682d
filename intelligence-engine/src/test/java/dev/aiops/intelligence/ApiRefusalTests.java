package dev.aiops.intelligence;

import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.platform.test.OpenApiRefusalTests;

/** Every operation in the intelligence engine's OpenAPI document, walked by {@link OpenApiRefusalTests}. */
@IntelligenceIntegrationTest
class ApiRefusalTests extends OpenApiRefusalTests {}
