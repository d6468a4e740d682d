package dev.aiops.collector;

import dev.aiops.collector.support.CollectorIntegrationTest;
import dev.aiops.platform.test.OpenApiRefusalTests;

/** Every operation of the observability collector's OpenAPI document, sent the bad requests of {@link OpenApiRefusalTests}. */
@CollectorIntegrationTest
class ApiRefusalTests extends OpenApiRefusalTests {}
