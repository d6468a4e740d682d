package dev.aiops.registry.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.aiops.registry.support.Fixtures.cluster;
import static dev.aiops.registry.support.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aiops.registry.support.Api;
import dev.aiops.registry.support.Api.Response;
import dev.aiops.registry.support.RegistryIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A cluster whose API server and Prometheus answer every request with a 302 to the cloud metadata
 * address: health probes, discovery and credential validation report the 302 and never follow it
 * (a second server, which the redirect of {@code /readyz} points at, is never called).
 */
@RegistryIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedirectTests {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String METADATA = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";

    @Autowired
    Api api;

    WireMockServer redirecting;
    WireMockServer elsewhere;

    @BeforeAll
    void start() {
        elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere.start();
        elsewhere.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
        redirecting = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        redirecting.start();
        redirecting.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", METADATA)));
        redirecting.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/readyz"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", elsewhere.baseUrl() + "/readyz")));
    }

    @AfterAll
    void stop() {
        redirecting.stop();
        elsewhere.stop();
    }

    UUID register(String type) {
        Map<String, Object> body = cluster(uniqueName("redirect"));
        body.put("cluster_type", type);
        body.put("api_server_url", redirecting.baseUrl());
        body.put("endpoints", Map.of("prometheus_url", redirecting.baseUrl()));
        body.put("credentials", Map.of("auth_type", "SERVICE_ACCOUNT", "token", "redirect-token"));
        Response response = api.as("operator").post("/api/v1/clusters", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.body().get("id").asString());
    }

    JsonNode status(UUID id) {
        return api.as("viewer").get("/api/v1/clusters/" + id + "/status").body();
    }

    @Test
    void shouldReportTheRedirectInsteadOfFollowingItWhenProbingHealth() {
        UUID id = register("HUB");

        await().atMost(PATIENCE)
                .until(() -> !status(id).path("last_error").isNull()
                        && status(id).path("last_error").asString().contains("302"));

        JsonNode status = status(id);
        assertThat(status.get("api_server_healthy").asBoolean()).isFalse();
        assertThat(status.get("last_error").asString()).contains("HTTP 302");
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldRecordTheRedirectAsTheDiscoveryError() {
        UUID id = register("EDGE");

        await().atMost(PATIENCE).until(() -> !status(id).path("discovery_error").isNull());

        assertThat(status(id).get("discovery_error").asString()).contains("HTTP 302");
        assertThat(status(id).get("discovered_at").isNull()).isTrue();
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldAnswerUnreachableWhenCredentialValidationIsRedirected() {
        UUID id = register("EDGE");

        Response response = api.as("operator").post("/api/v1/clusters/" + id + "/credentials/validate", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.body().get("code").asString()).isEqualTo("CLUSTER_UNREACHABLE");
        assertThat(response.body().get("detail").asString()).contains("HTTP 302");
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }
}
