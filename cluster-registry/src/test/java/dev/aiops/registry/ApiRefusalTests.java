package dev.aiops.registry;

import dev.aiops.platform.test.OpenApiRefusalTests;
import dev.aiops.registry.support.RegistryIntegrationTest;

/** Every operation in the registry's OpenAPI document, walked by {@link OpenApiRefusalTests}. */
@RegistryIntegrationTest
class ApiRefusalTests extends OpenApiRefusalTests {}
