package dev.aiops.porch;

import dev.aiops.porch.support.PorchIntegrationTest;
import dev.aiops.platform.test.OpenApiRefusalTests;

/** Every operation of the porch adapter's OpenAPI document, sent the bad requests of {@link OpenApiRefusalTests}. */
@PorchIntegrationTest
class ApiRefusalTests extends OpenApiRefusalTests {}
