package dev.aiops.collector;

import dev.aiops.collector.support.CollectorIntegrationTest;
import dev.aiops.platform.test.OpenApiRefusalTests;
import java.util.Set;

/** Every operation in the observability collector's OpenAPI document, walked by {@link OpenApiRefusalTests}. */
@CollectorIntegrationTest
class ApiRefusalTests extends OpenApiRefusalTests {

    @Override
    protected Set<String> standardErrorDialects() {
        return Set.of("/prometheus/"); // Prometheus clients read {"status":"error","errorType":...}
    }
}
