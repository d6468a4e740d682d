package dev.aiops.intent;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.platform.test.OpenApiRefusalTests;

/** Every operation of the intent service's OpenAPI document, sent the bad requests of {@link OpenApiRefusalTests}. */
@IntentIntegrationTest
class ApiRefusalTests extends OpenApiRefusalTests {}
