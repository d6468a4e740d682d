package dev.aiops.intent;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.platform.test.OpenApiRefusalTests;

/** Every operation in the intent service's OpenAPI document, walked by {@link OpenApiRefusalTests}. */
@IntentIntegrationTest
class ApiRefusalTests extends OpenApiRefusalTests {}
