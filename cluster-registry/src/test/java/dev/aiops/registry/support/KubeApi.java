package dev.aiops.registry.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A Kubernetes API server played by WireMock with responses recorded from real clusters
 * ({@code src/test/resources/kube/*.json}). Requests carrying the expected bearer token get the real
 * answers; anything else gets the API server's 401 Status.
 */
public final class KubeApi implements AutoCloseable {

    private final WireMockServer server;
    private final String token;

    private KubeApi(String token) {
        this.token = token;
        this.server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .atPriority(100)
                .willReturn(json(401, resource("kube/unauthorized.json"))));
        server.stubFor(get(urlPathEqualTo("/readyz"))
                .atPriority(50)
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        server.stubFor(
                get(urlPathEqualTo("/version")).atPriority(50).willReturn(json(200, resource("kube/version.json"))));
        server.stubFor(post(urlPathEqualTo("/apis/authentication.k8s.io/v1/selfsubjectreviews"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .atPriority(10)
                .willReturn(json(201, resource("kube/selfsubjectreview.json"))));
    }

    public static KubeApi start(String token) {
        return new KubeApi(token);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public WireMockServer server() {
        return server;
    }

    /** Answers GET {@code path} with the recorded {@code resource} when the token is right. */
    public KubeApi serve(String path, String resource) {
        server.stubFor(get(urlPathEqualTo(path))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .atPriority(10)
                .willReturn(json(200, resource(resource))));
        return this;
    }

    /** Answers GET {@code path} with a 404 Status, as a server without that API group does. */
    public KubeApi notFound(String path) {
        server.stubFor(
                get(urlPathEqualTo(path))
                        .atPriority(5)
                        .willReturn(
                                json(
                                        404,
                                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                                                + "\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\",\"code\":404}")));
        return this;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    public static String resource(String name) {
        try (InputStream in = KubeApi.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
