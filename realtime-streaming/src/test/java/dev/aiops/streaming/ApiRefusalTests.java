package dev.aiops.streaming;

import dev.aiops.platform.test.OpenApiRefusalTests;
import dev.aiops.streaming.support.StreamingIntegrationTest;

/** Every operation in the streaming service's OpenAPI document, walked by {@link OpenApiRefusalTests}. */
@StreamingIntegrationTest
class ApiRefusalTests extends OpenApiRefusalTests {}
