package dev.aiops.porch;

import dev.aiops.platform.test.OpenApiRefusalTests;
import dev.aiops.porch.support.PorchIntegrationTest;

/** Every operation in the porch adapter's OpenAPI document, walked by {@link OpenApiRefusalTests}. */
@PorchIntegrationTest
class ApiRefusalTests extends OpenApiRefusalTests {}
