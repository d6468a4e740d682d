package dev.aiops.intent.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.platform.test.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real services behind end-to-end tests: the porch-adapter jar answering the package calls the service
 * sends to its one porch-adapter URL (WireMock only forwards them), and clusters registered in the real
 * registry jar with a Kubernetes API the test controls.
 */
public final class RealPlatform {

    private static final Set<String> registered = new HashSet<>();

    private RealPlatform() {}

    /** Starts porch-adapter if needed, forwards every package call to it and returns a client of it. */
    public static RestClient realPorch() {
        String porchUrl = TestServices.startPorch();
        TestServices.porch().resetAll();
        TestServices.porch()
                .stubFor(any(urlPathMatching("/api/v1/packages.*"))
                        .willReturn(aResponse().proxiedFrom(porchUrl)));
        return RestClient.builder().baseUrl(porchUrl).build();
    }

    /** Runs git on porch-adapter's package repository and returns its output, e.g. a file at a tag. */
    public static String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("git", "--git-dir", TestServices.porchGit().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    /** Registers an EDGE cluster for {@code site} once per JVM and waits until the registry finds it ONLINE. */
    public static synchronized void onlineCluster(
            Tokens tokens, JsonMapper json, String name, String site, KubernetesCluster api) {
        onlineCluster(tokens, json, name, site, api, "EDGE", "eu-north");
    }

    /** As above, with the cluster type (HUB, EDGE, FAR_EDGE, ...) and region given. */
    public static synchronized void onlineCluster(
            Tokens tokens,
            JsonMapper json,
            String name,
            String site,
            KubernetesCluster api,
            String clusterType,
            String region) {
        if (registered.contains(name)) {
            return;
        }
        RestClient registry =
                RestClient.builder().baseUrl(TestServices.startRegistry()).build();
        registry.post()
                .uri("/api/v1/clusters")
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"name": "%s", "api_server_url": "%s", "cluster_type": "%s",
                         "platform": "KUBERNETES", "region": "%s", "labels": {"aiops.dev/site": "%s"},
                         "credentials": {"auth_type": "SERVICE_ACCOUNT", "token": "test-token"}}""".formatted(name, api.url(), clusterType, region, site))
                .retrieve()
                .toBodilessEntity();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(json.readTree(registry.get()
                                        .uri("/api/v1/clusters?name={name}&page_size=100", name)
                                        .headers(tokens.as("viewer"))
                                        .retrieve()
                                        .body(String.class))
                                .path("items")
                                .valueStream()
                                .filter(c -> c.path("name").asString().equals(name))
                                .map(c -> c.path("status").path("state").asString()))
                        .containsExactly("ONLINE"));
        registered.add(name);
    }
}
