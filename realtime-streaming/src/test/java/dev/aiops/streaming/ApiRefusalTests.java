package dev.aiops.streaming;

import dev.aiops.streaming.support.StreamingIntegrationTest;
import dev.aiops.platform.test.OpenApiRefusalTests;

/** Every operation of the streaming service's OpenAPI document, sent the bad requests of {@link OpenApiRefusalTests}. */
@StreamingIntegrationTest
class ApiRefusalTests extends OpenApiRefusalTests {}
