package dev.aiops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Production sign-in, as an operator meets it: the gateway (its jar, dev mode off) serves the console and
 * trusts one OpenID Connect provider ({@link OpenIdProvider}, a real authorization server in this JVM); in
 * Debian's Chromium, dashboard/e2e/oidc-e2e.mjs signs in through the provider's login form with
 * Authorization Code + PKCE and uses the access token against the gateway. No dev token exists anywhere.
 */
class OidcSignInIntegrationTests {

    private static final Path CHROMIUM = Path.of(System.getProperty("aiops.chromium", "/usr/bin/chromium"));
    private static final Duration JOURNEY_LIMIT = Duration.ofMinutes(4);

    private static ConfigurableApplicationContext provider;
    private static ServiceJarServer gateway;
    private static int providerPort;

    @BeforeAll
    static void startProviderAndGateway() {
        assumeTrue(
                Files.isExecutable(CHROMIUM),
                "OIDC sign-in test skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        int gatewayPort = ServiceJarServer.freePort();
        providerPort = ServiceJarServer.freePort();
        String console = "http://127.0.0.1:" + gatewayPort;
        provider = OpenIdProvider.start(providerPort, console);
        gateway = ServiceJarServer.builder(ServiceJarServer.jarOf("gateway"))
                .port(gatewayPort)
                .property("spring.data.redis.host", SharedRedis.get().host())
                .property(
                        "spring.data.redis.port",
                        Integer.toString(SharedRedis.get().port()))
                .property("aiops.security.dev-mode", "false")
                .property("spring.security.oauth2.resourceserver.jwt.issuer-uri", OpenIdProvider.issuer(providerPort))
                .property("aiops.security.audience", OpenIdProvider.AUDIENCE)
                .property("aiops.console.oidc.client-id", OpenIdProvider.CLIENT_ID)
                .property("logging.structured.format.console", "")
                .start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void shouldSignInThroughTheIdentityProviderWithPkceAndCallTheApiWithItsToken() throws Exception {
        Path root =
                Path.of(System.getProperty("aiops.root", "..")).toAbsolutePath().normalize();
        Path out = Path.of("target", "oidc-e2e").toAbsolutePath();
        Files.createDirectories(out);
        Path log = out.resolve("oidc-e2e.log");
        ProcessBuilder node = new ProcessBuilder("node", "e2e/oidc-e2e.mjs")
                .directory(root.resolve("dashboard").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().put("BASE_URL", gateway.url().toString());
        node.environment().put("ISSUER", OpenIdProvider.issuer(providerPort));
        node.environment().put("OIDC_USER", "olivia");
        node.environment().put("OIDC_PASSWORD", OpenIdProvider.PASSWORDS.get("olivia"));
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        node.environment().put("SCREENSHOT_DIR", out.resolve("screenshots").toString());
        node.environment().put("E2E_LIMIT_MS", String.valueOf(JOURNEY_LIMIT.toMillis() - 20_000));
        Process journey = node.start();
        boolean finished = journey.waitFor(JOURNEY_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            journey.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        Files.writeString(out.resolve("gateway.log"), gateway.log());

        assertThat(finished)
                .as("the sign-in did not finish in " + JOURNEY_LIMIT + ":\n" + output)
                .isTrue();
        assertThat(journey.exitValue()).as(output).isZero();
        // what the script saw, named so a reader of this test knows what was proven
        assertThat(output)
                .contains("no dev sign-in offered")
                .contains("authorization request with code_challenge_method=S256")
                .contains("signed in as olivia (operator, viewer)")
                .contains("token issued by " + OpenIdProvider.issuer(providerPort))
                .contains("services' health, without their URLs")
                .contains("gateway refused a tampered token: 401");
    }
}
