package dev.aiops.registry.credentials;

import static dev.aiops.registry.support.Fixtures.cluster;
import static dev.aiops.registry.support.Fixtures.outboxEnvelopes;
import static dev.aiops.registry.support.Fixtures.outboxEvents;
import static dev.aiops.registry.support.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.registry.support.Api;
import dev.aiops.registry.support.Api.Response;
import dev.aiops.registry.support.KubeApi;
import dev.aiops.registry.support.RegistryIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@RegistryIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialsApiTests {

    static final String GOOD_TOKEN = "sa-token-" + UUID.randomUUID();
    static final String PROM_TOKEN = "prom-token-" + UUID.randomUUID();

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsService credentials;

    KubeApi kube;

    @BeforeAll
    void startKube() {
        kube = KubeApi.start(GOOD_TOKEN);
    }

    @AfterAll
    void stopKube() {
        kube.close();
    }

    UUID registerWithToken(String token) {
        Map<String, Object> body = cluster(uniqueName("cred"));
        body.put("api_server_url", kube.url());
        body.put("credentials", Map.of("auth_type", "SERVICE_ACCOUNT", "token", token, "prometheus_token", PROM_TOKEN));
        Response response = api.as("operator").post("/api/v1/clusters", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.body().get("id").asString());
    }

    UUID registerWithout() {
        Response response = api.as("operator").post("/api/v1/clusters", cluster(uniqueName("nocred")));
        return UUID.fromString(response.body().get("id").asString());
    }

    @Nested
    class Storing {

        @Test
        void shouldStoreEncryptedAndDescribeWithoutSecretsWhenPosted() {
            UUID id = registerWithout();

            Response response = api.as("operator")
                    .post(
                            "/api/v1/clusters/" + id + "/credentials",
                            Map.of(
                                    "auth_type",
                                    "SERVICE_ACCOUNT",
                                    "token",
                                    GOOD_TOKEN,
                                    "prometheus_token",
                                    PROM_TOKEN));

            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            assertThat(response.body().get("auth_type").asString()).isEqualTo("SERVICE_ACCOUNT");
            assertThat(response.body().get("key_id").asString()).isEqualTo("k1");
            assertThat(response.text()).doesNotContain(GOOD_TOKEN, PROM_TOKEN);
            byte[] ciphertext = jdbc.queryForObject(
                    "select ciphertext from cluster_credentials where cluster_id = ?", byte[].class, id);
            assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(GOOD_TOKEN, PROM_TOKEN);
            assertThat(api.as("viewer")
                            .get("/api/v1/clusters/" + id)
                            .body()
                            .get("has_credentials")
                            .asBoolean())
                    .isTrue();
            assertThat(outboxEvents(jdbc, id)).contains("CLUSTER_CREDENTIALS_UPDATED");
            assertThat(String.join("", outboxEnvelopes(jdbc, id, "CLUSTER_CREDENTIALS_UPDATED")))
                    .doesNotContain(GOOD_TOKEN, PROM_TOKEN);
        }

        @Test
        void shouldDescribeCredentialsToViewersWithoutSecrets() {
            UUID id = registerWithToken(GOOD_TOKEN);

            Response response = api.as("viewer").get("/api/v1/clusters/" + id + "/credentials");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().get("auth_type").asString()).isEqualTo("SERVICE_ACCOUNT");
            assertThat(response.text()).doesNotContain(GOOD_TOKEN, PROM_TOKEN);
        }

        @Test
        void shouldDeleteAndAnswerNotFoundWhenDeletedTwice() {
            UUID id = registerWithToken(GOOD_TOKEN);

            assertThat(api.as("operator")
                            .delete("/api/v1/clusters/" + id + "/credentials")
                            .status())
                    .isEqualTo(204);
            Response again = api.as("operator").delete("/api/v1/clusters/" + id + "/credentials");

            assertThat(again.status()).isEqualTo(404);
            assertThat(again.body().get("code").asString()).isEqualTo("CREDENTIALS_NOT_FOUND");
            assertThat(api.as("viewer")
                            .get("/api/v1/clusters/" + id)
                            .body()
                            .get("has_credentials")
                            .asBoolean())
                    .isFalse();
        }

        @Test
        void shouldAnswerClusterNotFoundWhenClusterDoesNotExist() {
            Response response = api.as("operator")
                    .post(
                            "/api/v1/clusters/" + UUID.randomUUID() + "/credentials",
                            Map.of("auth_type", "SERVICE_ACCOUNT", "token", "x"));

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body().get("code").asString()).isEqualTo("CLUSTER_NOT_FOUND");
        }

        static Stream<Arguments> invalidCredentials() {
            return Stream.of(
                    Arguments.of("no auth type", Map.of("token", "x"), "auth_type"),
                    Arguments.of("unknown auth type", Map.of("auth_type", "PASSWORD", "token", "x"), "auth_type"),
                    Arguments.of(
                            "token auth without token", Map.of("auth_type", "OIDC"), "secret_present_for_auth_type"),
                    Arguments.of(
                            "kubeconfig auth without kubeconfig",
                            Map.of("auth_type", "KUBECONFIG", "token", "x"),
                            "secret_present_for_auth_type"),
                    Arguments.of(
                            "kubeconfig that is not one",
                            Map.of("auth_type", "KUBECONFIG", "kubeconfig", "[[["),
                            "kubeconfig"),
                    Arguments.of(
                            "kubeconfig with exec plugin",
                            Map.of(
                                    "auth_type",
                                    "KUBECONFIG",
                                    "kubeconfig",
                                    kubeconfig(
                                            "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /bin/sh\n")),
                            "kubeconfig"),
                    Arguments.of(
                            "kubeconfig with token file",
                            Map.of(
                                    "auth_type",
                                    "KUBECONFIG",
                                    "kubeconfig",
                                    kubeconfig("    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n")),
                            "kubeconfig"),
                    Arguments.of(
                            "unknown field", Map.of("auth_type", "OIDC", "token", "x", "password", "y"), "password"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidCredentials")
        void shouldNameTheFieldWhenCredentialsAreInvalid(String caseName, Map<String, Object> body, String field) {
            UUID id = registerWithout();

            Response response = api.as("operator").post("/api/v1/clusters/" + id + "/credentials", body);

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(fields(response)).contains(field);
            assertThat(jdbc.queryForObject(
                            "select count(*) from cluster_credentials where cluster_id = ?", Long.class, id))
                    .isZero();
        }

        @Test
        void shouldStoreNothingWhenRegistrationCarriesABadKubeconfig() {
            String name = uniqueName("badkc");
            Map<String, Object> body = cluster(name);
            body.put(
                    "credentials",
                    Map.of("auth_type", "KUBECONFIG", "kubeconfig", kubeconfig("    exec:\n      command: /bin/sh\n")));

            Response response = api.as("operator").post("/api/v1/clusters", body);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().get("code").asString()).isEqualTo("CREDENTIALS_INVALID");
            assertThat(fields(response)).contains("credentials.kubeconfig");
            assertThat(jdbc.queryForObject("select count(*) from cluster where name = ?", Long.class, name))
                    .isZero();
        }

        @Test
        void shouldForbidStoringWhenCallerIsViewer() {
            UUID id = registerWithout();

            Response response = api.as("viewer")
                    .post("/api/v1/clusters/" + id + "/credentials", Map.of("auth_type", "OIDC", "token", "x"));

            assertThat(response.status()).isEqualTo(403);
        }
    }

    @Nested
    class Validating {

        @Test
        void shouldAuthenticateAgainstTheApiServerWhenTokenIsGood() {
            UUID id = registerWithToken(GOOD_TOKEN);

            Response response = api.as("operator").post("/api/v1/clusters/" + id + "/credentials/validate", null);

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.body().get("valid").asBoolean()).isTrue();
            assertThat(response.body().get("username").asString())
                    .isEqualTo("system:serviceaccount:aiops:registry-reader");
            assertThat(response.body().get("method").asString()).isEqualTo("SelfSubjectReview");
        }

        @Test
        void shouldAnswerCredentialsInvalidWhenApiServerRejectsTheToken(CapturedOutput output) {
            String badToken = "rejected-token-" + UUID.randomUUID();
            UUID id = registerWithToken(badToken);

            Response response = api.as("operator").post("/api/v1/clusters/" + id + "/credentials/validate", null);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().get("code").asString()).isEqualTo("CREDENTIALS_INVALID");
            assertThat(response.text()).doesNotContain(badToken);
            assertThat(output.getAll()).doesNotContain(badToken);
        }

        @Test
        void shouldAuthenticateWithAKubeconfigWhenItCarriesAToken() {
            UUID id = registerWithout();
            String kubeconfig = kubeconfig("    token: " + GOOD_TOKEN + "\n");
            Response stored = api.as("operator")
                    .post(
                            "/api/v1/clusters/" + id + "/credentials",
                            Map.of("auth_type", "KUBECONFIG", "kubeconfig", kubeconfig));
            assertThat(stored.status()).isEqualTo(201);
            jdbc.update("update cluster set api_server_url = ? where id = ?", kube.url(), id);

            Response response = api.as("operator").post("/api/v1/clusters/" + id + "/credentials/validate", null);

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.body().get("valid").asBoolean()).isTrue();
        }

        @Test
        void shouldAnswerClusterUnreachableWhenApiServerIsDown() {
            UUID id = registerWithout();
            api.as("operator")
                    .post("/api/v1/clusters/" + id + "/credentials", Map.of("auth_type", "OIDC", "token", "t"));

            Response response = api.as("operator").post("/api/v1/clusters/" + id + "/credentials/validate", null);

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body().get("code").asString()).isEqualTo("CLUSTER_UNREACHABLE");
        }

        @Test
        void shouldAnswerCredentialsNotFoundWhenNoneAreStored() {
            UUID id = registerWithout();

            Response response = api.as("operator").post("/api/v1/clusters/" + id + "/credentials/validate", null);

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body().get("code").asString()).isEqualTo("CREDENTIALS_NOT_FOUND");
        }
    }

    @Nested
    class Rotating {

        @Test
        void shouldReplaceSecretsWhenRotatedWithNewOnes() {
            UUID id = registerWithToken(GOOD_TOKEN);
            String newToken = "rotated-" + UUID.randomUUID();

            Response response = api.as("operator")
                    .post(
                            "/api/v1/clusters/" + id + "/credentials/rotate",
                            Map.of("auth_type", "SERVICE_ACCOUNT", "token", newToken));

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.text()).doesNotContain(newToken);
            JsonNode connection = api.as("service")
                    .get("/internal/v1/clusters/" + id + "/connection")
                    .body();
            assertThat(connection.get("token").asString()).isEqualTo(newToken);
        }

        @Test
        void shouldResealUnderTheActiveKeyWhenRotatedWithoutABody() {
            UUID id = registerWithToken(GOOD_TOKEN);
            sealUnderK2(id);
            assertThat(keyIdOf(id)).isEqualTo("k2");

            Response response = api.as("operator").post("/api/v1/clusters/" + id + "/credentials/rotate", null);

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.body().get("key_id").asString()).isEqualTo("k1");
            assertThat(keyIdOf(id)).isEqualTo("k1");
            JsonNode connection = api.as("service")
                    .get("/internal/v1/clusters/" + id + "/connection")
                    .body();
            assertThat(connection.get("token").asString()).isEqualTo(GOOD_TOKEN);
        }

        @Test
        void shouldResealEverythingUnderTheActiveKeyWhenTheSweepRuns() {
            UUID id = registerWithToken(GOOD_TOKEN);
            sealUnderK2(id);

            while (credentials.resealUnderActiveKey(100) > 0) {
                // drain
            }

            assertThat(keyIdOf(id)).isEqualTo("k1");
            assertThat(api.as("service")
                            .get("/internal/v1/clusters/" + id + "/connection")
                            .body()
                            .get("prometheus_token")
                            .asString())
                    .isEqualTo(PROM_TOKEN);
        }

        void sealUnderK2(UUID id) {
            // what rows written before a key rotation look like: sealed under the then-active key k2
            CredentialCipher old = new CredentialCipher(
                    Map.of(
                            "k1",
                            key("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
                            "k2",
                            key("ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=")),
                    "k2");
            String plaintext = "{\"token\":\"" + GOOD_TOKEN + "\",\"prometheus_token\":\"" + PROM_TOKEN + "\"}";
            CredentialCipher.Sealed sealed = old.seal(id, plaintext.getBytes(StandardCharsets.UTF_8));
            jdbc.update(
                    "update cluster_credentials set key_id = ?, nonce = ?, ciphertext = ? where cluster_id = ?",
                    sealed.keyId(),
                    sealed.nonce(),
                    sealed.ciphertext(),
                    id);
        }

        String keyIdOf(UUID id) {
            return jdbc.queryForObject("select key_id from cluster_credentials where cluster_id = ?", String.class, id);
        }
    }

    @Nested
    class Expiry {

        @Test
        void shouldFlagAndWarnOnceWhenCredentialsExpireWithinSevenDays() {
            UUID id = registerWithout();
            Instant expires = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            Response stored = api.as("operator")
                    .post(
                            "/api/v1/clusters/" + id + "/credentials",
                            Map.of("auth_type", "OIDC", "token", "t", "expires_at", expires.toString()));
            assertThat(stored.body().get("expiring").asBoolean()).isTrue();

            while (credentials.warnAboutExpiringCredentials(100) > 0) {
                // drain
            }
            credentials.warnAboutExpiringCredentials(100);

            var warnings = outboxEnvelopes(jdbc, id, "CLUSTER_CREDENTIALS_EXPIRING").stream()
                    .map(e -> api.json().readTree(e).get("payload"))
                    .toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).get("expires_at").asString()).isEqualTo(expires.toString());
            assertThat(warnings.get(0).get("expired").asBoolean()).isFalse();
            assertThat(api.as("viewer")
                            .get("/api/v1/clusters/" + id)
                            .body()
                            .get("credentials_expires_at")
                            .asString())
                    .isEqualTo(expires.toString());
        }

        @Test
        void shouldNotWarnWhenExpiryIsFarAway() {
            UUID id = registerWithout();
            api.as("operator")
                    .post(
                            "/api/v1/clusters/" + id + "/credentials",
                            Map.of(
                                    "auth_type",
                                    "OIDC",
                                    "token",
                                    "t",
                                    "expires_at",
                                    Instant.now().plus(30, ChronoUnit.DAYS).toString()));

            credentials.warnAboutExpiringCredentials(100);

            assertThat(outboxEnvelopes(jdbc, id, "CLUSTER_CREDENTIALS_EXPIRING"))
                    .isEmpty();
        }
    }

    @Nested
    class InternalEndpoint {

        @Test
        void shouldGiveConnectionDetailsWhenCallerIsAPlatformService() {
            UUID id = registerWithToken(GOOD_TOKEN);

            Response response = api.as("service").get("/internal/v1/clusters/" + id + "/connection");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().get("api_server_url").asString()).isEqualTo(kube.url());
            assertThat(response.body().get("token").asString()).isEqualTo(GOOD_TOKEN);
            assertThat(response.body().get("prometheus_token").asString()).isEqualTo(PROM_TOKEN);
            assertThat(response.header("Cache-Control")).contains("no-store");
        }

        @Test
        void shouldRefuseUsersWhateverTheirRole() {
            UUID id = registerWithToken(GOOD_TOKEN);

            for (String role : new String[] {"admin", "operator", "viewer"}) {
                Response response = api.as(role).get("/internal/v1/clusters/" + id + "/connection");
                assertThat(response.status()).as(role).isEqualTo(403);
                assertThat(response.text()).doesNotContain(GOOD_TOKEN);
            }
            assertThat(api.anonymous()
                            .get("/internal/v1/clusters/" + id + "/connection")
                            .status())
                    .isEqualTo(401);
        }

        @Test
        void shouldGiveTheSecretsOnlyToTheServicesThatTalkToClusters() {
            UUID id = registerWithToken(GOOD_TOKEN);

            for (String reader :
                    new String[] {"observability-collector", "intelligence-engine", "intent-service", "porch-adapter"
                    }) {
                assertThat(api.asService(reader)
                                .get("/internal/v1/clusters/" + id + "/connection")
                                .status())
                        .as(reader)
                        .isEqualTo(200);
            }
            for (String other : new String[] {"gateway", "realtime-streaming", "cluster-registry", "anything"}) {
                Response response = api.asService(other).get("/internal/v1/clusters/" + id + "/connection");
                assertThat(response.status()).as(other).isEqualTo(403);
                assertThat(response.body().get("code").asString()).isEqualTo("FORBIDDEN");
                assertThat(response.text()).doesNotContain(GOOD_TOKEN);
            }
        }

        @Test
        void shouldAuditEveryReadWithoutTheSecret() {
            UUID id = registerWithToken(GOOD_TOKEN);

            api.asService("intent-service").get("/internal/v1/clusters/" + id + "/connection");
            api.asService("realtime-streaming").get("/internal/v1/clusters/" + id + "/connection");

            List<Map<String, Object>> audit = jdbc.queryForList(
                    "select service, outcome, read_at from connection_read_audit where cluster_id = ? order by id", id);
            assertThat(audit).hasSize(2);
            assertThat(audit.get(0)).containsEntry("service", "intent-service").containsEntry("outcome", "GRANTED");
            assertThat(audit.get(1))
                    .containsEntry("service", "realtime-streaming")
                    .containsEntry("outcome", "DENIED");
            assertThat(audit.get(0).get("read_at")).isNotNull();
            assertThat(jdbc.queryForList("select * from connection_read_audit where cluster_id = ?", id)
                            .toString())
                    .doesNotContain(GOOD_TOKEN)
                    .doesNotContain(PROM_TOKEN);
        }

        @Test
        void shouldAnswerNotFoundWhenClusterIsUnknown() {
            assertThat(api.as("service")
                            .get("/internal/v1/clusters/" + UUID.randomUUID() + "/connection")
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void shouldNeverLogSecretsWhileHandlingCredentials(CapturedOutput output) {
        String token = "never-logged-" + UUID.randomUUID();
        UUID id = registerWithToken(token);
        api.as("operator").post("/api/v1/clusters/" + id + "/credentials/validate", null);
        api.as("operator").post("/api/v1/clusters/" + id + "/credentials/rotate", null);
        api.as("operator").post("/api/v1/clusters/" + id + "/credentials", Map.of("auth_type", "SERVICE_ACCOUNT"));

        assertThat(output.getAll()).doesNotContain(token);
    }

    static String kubeconfig(String userLines) {
        return "apiVersion: v1\nkind: Config\ncurrent-context: edge\n"
                + "clusters:\n- name: edge\n  cluster:\n    server: https://api.edge.example.com:6443\n"
                + "contexts:\n- name: edge\n  context:\n    cluster: edge\n    user: admin\n"
                + "users:\n- name: admin\n  user:\n" + userLines;
    }

    static SecretKeySpec key(String base64) {
        return new SecretKeySpec(Base64.getDecoder().decode(base64), "AES");
    }

    static java.util.List<String> fields(Response response) {
        java.util.List<String> fields = new java.util.ArrayList<>();
        JsonNode errors = response.body().get("errors");
        if (errors != null) {
            errors.forEach(e -> fields.add(e.get("field").asString()));
        }
        return fields;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }
}
