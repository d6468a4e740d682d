package dev.aiops.porch.repositories;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.porch.porchapi.PorchApiBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The credentials {@code porch.secret_ref} names, against a real HTTPS server whose self-signed certificate
 * (made by the JDK's keytool for 127.0.0.1) only the configured CA bundle vouches for: the probe and the fabric8
 * client both send the bearer token and trust that bundle, and without it the JVM's trust store refuses the server
 * (verification is never switched off).
 */
class PorchCredentialsTlsTests {

    static final String REVISIONS = "/apis/porch.kpt.dev/v1alpha2/namespaces/porch-demo/packagerevisions";

    @TempDir
    Path directory;

    WireMockServer porch;
    String ca;
    OutboundUrlGuard guard;
    GuardedHttpClients clients;

    @BeforeEach
    void start() throws Exception {
        Path keystore = directory.resolve("porch.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "porch",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=porch-test",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        Path pem = directory.resolve("ca.crt");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "porch",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                pem.toString());
        ca = Files.readString(pem, StandardCharsets.US_ASCII);
        porch = new WireMockServer(options()
                .httpDisabled(true)
                .dynamicHttpsPort()
                .bindAddress("127.0.0.1")
                .keystorePath(keystore.toString())
                .keystoreType("PKCS12")
                .keystorePassword("changeit")
                .keyManagerPassword("changeit"));
        porch.start();
        porch.stubFor(get(urlPathEqualTo(RepositoryService.PORCH_API_PATH))
                .withHeader("Authorization", equalTo("Bearer tls-token"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));
        porch.stubFor(get(urlPathEqualTo(REVISIONS))
                .withHeader("Authorization", equalTo("Bearer tls-token"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"apiVersion\": \"porch.kpt.dev/v1alpha2\", \"kind\": \"PackageRevisionList\","
                                + " \"metadata\": {\"resourceVersion\": \"1\"}, \"items\": []}")));
        guard = new OutboundUrlGuard(PorchProbeTests.loopbackAllowed(Duration.ofSeconds(30)));
        clients = new GuardedHttpClients(guard);
    }

    @AfterEach
    void stop() {
        clients.close();
        guard.close();
        porch.stop();
    }

    static void keytool(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    PorchApiCredentialsProperties porchApi(String caCertificate) {
        return new PorchApiCredentialsProperties(
                Map.of("tls", new PorchApiCredentialsProperties.Credentials("tls-token", caCertificate)),
                directory.resolve("no-service-account"),
                PorchApiBackend.DEFAULT_INSTANCE_ID);
    }

    PorchCredentials credentials(String caCertificate) {
        return new PorchCredentials(porchApi(caCertificate));
    }

    PorchProbe.Outcome probe(String caCertificate) {
        return new PorchProbe(new PorchProbeProperties(Duration.ofSeconds(15)), guard, clients)
                .check(
                        porch.baseUrl(),
                        credentials(caCertificate).resolve("tls").orElseThrow());
    }

    PorchClients porchClients(String caCertificate) {
        return new PorchClients(
                null,
                guard,
                clients,
                new PorchApiProperties(Duration.ofSeconds(15), Duration.ofSeconds(15)),
                credentials(caCertificate),
                porchApi(caCertificate));
    }

    @Test
    void shouldProbeWithTheTokenTrustingTheConfiguredCaAndRefuseTheServerWithoutIt() {
        assertThat(porch.baseUrl()).startsWith("https://");
        assertThat(probe(ca)).isEqualTo(PorchProbe.Outcome.READY);
        porch.verify(
                1,
                getRequestedFor(urlPathEqualTo(RepositoryService.PORCH_API_PATH))
                        .withHeader("Authorization", equalTo("Bearer tls-token")));
        // the JVM's trust store does not know the self-signed certificate: the handshake fails, nothing is sent
        assertThat(probe(null)).isEqualTo(PorchProbe.Outcome.UNAVAILABLE);
        porch.verify(1, getRequestedFor(urlPathEqualTo(RepositoryService.PORCH_API_PATH)));
    }

    @Test
    void shouldCallPorchThroughFabric8WithTheTokenTrustingOnlyTheConfiguredCa() {
        PorchClients trusting = porchClients(ca);
        try {
            assertThat(trusting.backend("edge", porch.baseUrl(), "porch-demo", "tls")
                            .list("edge"))
                    .isEmpty();
        } finally {
            trusting.destroy();
        }
        porch.verify(
                1, getRequestedFor(urlPathEqualTo(REVISIONS)).withHeader("Authorization", equalTo("Bearer tls-token")));

        PorchClients untrusting = porchClients(null);
        try {
            assertThatThrownBy(() -> untrusting
                            .backend("edge", porch.baseUrl(), "porch-demo", "tls")
                            .list("edge"))
                    .isInstanceOf(ApiException.class)
                    .hasMessageNotContaining("tls-token");
        } finally {
            untrusting.destroy();
        }
        porch.verify(1, getRequestedFor(urlPathEqualTo(REVISIONS)));
    }

    @Test
    void shouldRefuseACaBundleThatIsNotPemAndNeverPrintTheToken() {
        assertThatThrownBy(() -> credentials("not a certificate").resolve("tls"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CA certificate");
        PorchCredentials.Resolved resolved = credentials(ca).resolve("tls").orElseThrow();
        assertThat(resolved.toString()).doesNotContain("tls-token");
        assertThat(new PorchApiCredentialsProperties.Credentials("tls-token", ca).toString())
                .doesNotContain("tls-token");
        // the client cache key: another token or CA is another digest, and the digest is not the token
        assertThat(resolved.fingerprint())
                .doesNotContain("tls-token")
                .isEqualTo(new PorchCredentials.Resolved("tls-token", ca).fingerprint())
                .isNotEqualTo(new PorchCredentials.Resolved("tls-token-2", ca).fingerprint())
                .isNotEqualTo(new PorchCredentials.Resolved("tls-token", null).fingerprint());
    }

    @Test
    void shouldBindTheTokenFromTheEnvironmentVariableTheDocumentationNames() {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("AIOPS_PORCH_PORCHAPI_CREDENTIALS_FLEETPORCH_TOKEN", "from-a-secret"));
        PorchApiCredentialsProperties bound = new Binder(ConfigurationPropertySources.from(environment))
                .bindOrCreate("aiops.porch.porch-api", PorchApiCredentialsProperties.class);
        assertThat(bound.credentials()).containsOnlyKeys("fleetporch");
        assertThat(bound.credentials().get("fleetporch").token()).isEqualTo("from-a-secret");
        assertThat(bound.serviceAccountDirectory()).isEqualTo(Path.of("/var/run/secrets/kubernetes.io/serviceaccount"));
        assertThat(bound.instanceId()).isEqualTo("aiops-porch-adapter");
    }

    @Test
    void shouldBindTheInstanceIdAndRefuseABlankOne() {
        PorchApiCredentialsProperties bound = new Binder(
                        ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("AIOPS_PORCH_PORCHAPI_INSTANCEID", "aiops.ran-east"))))
                .bindOrCreate("aiops.porch.porch-api", PorchApiCredentialsProperties.class);
        assertThat(bound.instanceId()).isEqualTo("aiops.ran-east");

        assertThatThrownBy(() -> new PorchApiCredentialsProperties(Map.of(), directory, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instance-id");
    }
}
