package dev.aiops.porch.repositories;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.support.PorchIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@PorchIntegrationTest
class RepositoryApiTests {

    // what a Porch API server answers to API discovery (trimmed to two of its resources)
    static final String DISCOVERY = """
            {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "porch.kpt.dev/v1alpha1",
             "resources": [
               {"name": "packagerevisions", "singularName": "packagerevision", "namespaced": true,
                "kind": "PackageRevision", "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"]},
               {"name": "packagerevisionresources", "singularName": "packagerevisionresources", "namespaced": true,
                "kind": "PackageRevisionResources", "verbs": ["get", "list", "patch", "update"]}]}
            """;

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    PackageStores stores;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    WireMockServer porch;
    String name;

    @BeforeEach
    void porchServer() {
        porch = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        porch.start();
        name = "repo-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopPorch() {
        porch.stop();
    }

    RestTestClient.ResponseSpec register(String body) {
        return client.post()
                .uri("/api/v1/repositories")
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    RestTestClient.BodyContentSpec fetch(String repository) {
        return client.get()
                .uri("/api/v1/repositories/{name}", repository)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
    }

    @Test
    void shouldListTheEmbeddedGitRepositoryRegisteredByDefault() {
        client.get()
                .uri("/api/v1/repositories")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].name")
                .isEqualTo("packages")
                .jsonPath("$.items[0].type")
                .isEqualTo("git")
                .jsonPath("$.items[0].source")
                .isEqualTo("CONFIG")
                .jsonPath("$.items[0].served")
                .isEqualTo(true)
                .jsonPath("$.items[0].deployment")
                .isEqualTo(true)
                .jsonPath("$.items[0].git.repo")
                .isEqualTo("target/test-packages.git")
                .jsonPath("$.items[0].git.branch")
                .isEqualTo("main")
                .jsonPath("$.items[0].status")
                .isEqualTo("READY");
    }

    @Test
    void shouldRegisterALocalGitRepositoryThatPackagesCanBeCreatedInAtOnce() {
        register("""
                        {"name": "%s", "type": "git", "description": "edge sites", "deployment": true}
                        """.formatted(name))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("READY")
                .jsonPath("$.served")
                .isEqualTo(true)
                .jsonPath("$.source")
                .isEqualTo("API");
        assertThat(stores.store(name).directory()).endsWith(java.nio.file.Path.of("repositories", name + ".git"));

        client.post()
                .uri("/api/v1/packages")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"package_name": "amf-a", "repository": "%s",
                         "cnf": {"function": "AMF", "site": "edge1"}}
                        """.formatted(name))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo(name + ".amf-a.v1");
        assertThat(stores.store(name).resolve("refs/heads/drafts/amf-a/v1")).isPresent();

        // holding a package, it cannot be unregistered; the name is taken
        client.delete()
                .uri("/api/v1/repositories/{name}", name)
                .headers(tokens.as("admin"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        register("{\"name\": \"%s\", \"type\": \"git\"}".formatted(name))
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void shouldRegisterAPorchServerReadyWhileItAnswersDiscoveryAndUnavailableWhenItRedirects() {
        porch.stubFor(get(urlPathEqualTo("/apis/porch.kpt.dev/v1alpha1"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(DISCOVERY)));
        register("""
                        {"name": "%s", "type": "porch", "porch": {"url": "%s", "namespace": "porch-demo"}}
                        """.formatted(name, porch.baseUrl()))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("porch")
                .jsonPath("$.porch.namespace")
                .isEqualTo("porch-demo")
                .jsonPath("$.served")
                .isEqualTo(true)
                .jsonPath("$.status")
                .isEqualTo("READY");

        // a redirect (here towards the cloud metadata address) is not followed
        porch.resetAll();
        porch.stubFor(get(urlPathEqualTo("/apis/porch.kpt.dev/v1alpha1"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254/latest/")));
        fetch(name).jsonPath("$.status").isEqualTo("UNAVAILABLE");
        porch.stop();
        fetch(name).jsonPath("$.status").isEqualTo("UNAVAILABLE");
        client.delete()
                .uri("/api/v1/repositories/{name}", name)
                .headers(tokens.as("admin"))
                .exchange()
                .expectStatus()
                .isNoContent();
        client.get()
                .uri("/api/v1/repositories/{name}", name)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void shouldAnswer400NamingTheFieldForMetadataLinkLocalNonHttpAndRemoteGitUrls() {
        for (String url : new String[] {
            "http://169.254.169.254",
            "http://metadata.google.internal",
            "file:///etc/passwd",
            "http://[fe80::1]:8080",
            "http://[::ffff:169.254.169.254]",
            "https://user:secret@porch.example.com"
        }) {
            register("""
                            {"name": "%s", "type": "porch", "porch": {"url": "%s"}}
                            """.formatted(name, url))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("porch.url");
        }
        // an SSH remote without credentials: it needs a private key and known_hosts
        register("""
                        {"name": "%s", "type": "git", "git": {"repo": "git@127.0.0.1:example/packages.git"}}
                        """.formatted(name))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("git.secret_ref");
        register("""
                        {"name": "%s", "type": "git", "git": {"repo": "ftp://git.example.com/packages.git"}}
                        """.formatted(name))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("git.repo");
        register("{\"name\": \"Bad Name\", \"type\": \"oci\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(Object.class, f -> assertThat(f.toString()).contains("name", "type"));
        client.get()
                .uri("/api/v1/repositories/{name}", name)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void shouldAnswer403WhenAViewerRegisters() {
        client.post()
                .uri("/api/v1/repositories")
                .headers(tokens.as("viewer"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"%s\", \"type\": \"git\"}".formatted(name))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void shouldReturnProblem401WhenCalledWithoutToken() {
        client.get().uri("/api/v1/repositories").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void shouldProbePorchWithTheNamedBearerTokenAndRefuseCredentialsItRejectsNamingTheSecretRef() {
        // like a Kubernetes API server in front of Porch: discovery for the right token only, 401 otherwise
        porch.stubFor(get(urlPathEqualTo("/apis/porch.kpt.dev/v1alpha1"))
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer porch-test-token-1"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(DISCOVERY)));
        porch.stubFor(any(anyUrl())
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"kind\": \"Status\", \"apiVersion\": \"v1\", \"status\": \"Failure\","
                                + " \"message\": \"Unauthorized\", \"reason\": \"Unauthorized\", \"code\": 401}")));
        String template = """
                {"name": "%s", "type": "porch", "porch": {"url": "%s", "namespace": "porch-demo"%s}}
                """;
        // no credentials, the wrong token: CREDENTIALS_INVALID naming porch.secret_ref, nothing registered
        for (String secret : new String[] {"", ", \"secret_ref\": \"wrong-porch\""}) {
            register(template.formatted(name, porch.baseUrl(), secret))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("CREDENTIALS_INVALID")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("porch.secret_ref")
                    .jsonPath("$.detail")
                    .value(detail -> assertThat(String.valueOf(detail)).doesNotContain("not-the-porch-token"));
        }
        // a reference configuration does not have
        register(template.formatted(name, porch.baseUrl(), ", \"secret_ref\": \"no-such-secret\""))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[0].field")
                .isEqualTo("porch.secret_ref");
        assertThat(jdbc.queryForObject("select count(*) from package_repository where name = ?", Integer.class, name))
                .isZero();

        register(template.formatted(name, porch.baseUrl(), ", \"secret_ref\": \"test-porch\""))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("READY")
                .jsonPath("$.porch.secret_ref")
                .isEqualTo("test-porch");
        fetch(name)
                .jsonPath("$.status")
                .isEqualTo("READY")
                .jsonPath("$.porch.secret_ref")
                .isEqualTo("test-porch");
        String listed = new String(
                client.get()
                        .uri("/api/v1/repositories")
                        .headers(tokens.as("viewer"))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBodyContent(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(listed).contains(name).doesNotContain("porch-test-token-1");
        // the database holds the reference, never the token
        assertThat(jdbc.queryForObject(
                        "select porch_secret_ref from package_repository where name = ?", String.class, name))
                .isEqualTo("test-porch");
        assertThat(jdbc.queryForList("select * from package_repository where name = ?", name)
                        .toString())
                .doesNotContain("porch-test-token-1");
        porch.verify(
                3,
                getRequestedFor(urlPathEqualTo("/apis/porch.kpt.dev/v1alpha1"))
                        .withHeader("Authorization", equalTo("Bearer porch-test-token-1")));

        // the token is revoked (or loses its RBAC): the repository is listed UNAVAILABLE
        porch.resetAll();
        porch.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403)));
        fetch(name).jsonPath("$.status").isEqualTo("UNAVAILABLE");
        client.delete()
                .uri("/api/v1/repositories/{name}", name)
                .headers(tokens.as("admin"))
                .exchange()
                .expectStatus()
                .isNoContent();
    }
}
