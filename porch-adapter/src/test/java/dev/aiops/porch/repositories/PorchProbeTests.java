package dev.aiops.porch.repositories;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.platform.outbound.UrlGuardProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The health probe of a registered Porch API server through the platform's guard, against a real local HTTP
 * server: the probe connects only to the address its check approved, so a name that answers differently on its
 * next lookup (DNS rebinding) is refused at call time; and {@code aiops.porch.url-guard.*} keeps its keys.
 */
class PorchProbeTests {

    WireMockServer porch;

    @BeforeEach
    void start() {
        porch = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        porch.start();
        porch.stubFor(get(urlPathEqualTo(RepositoryService.PORCH_API_PATH))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));
    }

    @AfterEach
    void stop() {
        porch.stop();
    }

    /** First answer loopback (allowed in these guards), every later one the cloud metadata address. */
    static final class RebindingResolver implements OutboundUrlGuard.Resolver {
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return lookups.incrementAndGet() == 1
                    ? new InetAddress[] {InetAddress.getByName("127.0.0.1")}
                    : new InetAddress[] {InetAddress.getByName("169.254.169.254")};
        }
    }

    static PorchProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("aiops.porch", PorchProperties.class);
    }

    /** The adapter's production defaults, bound under its keys, with loopback allowed for the local server. */
    static UrlGuardProperties loopbackAllowed(Duration pinTtl) {
        UrlGuardProperties defaults = bind(Map.of()).urlGuard();
        return new UrlGuardProperties(
                defaults.deniedHosts(), defaults.deniedNetworks(), true, defaults.resolveTimeout(), pinTtl);
    }

    static RepositoryView.Status probe(UrlGuardProperties properties, OutboundUrlGuard.Resolver resolver, String url) {
        try (OutboundUrlGuard guard = new OutboundUrlGuard(properties, resolver);
                GuardedHttpClients clients = new GuardedHttpClients(guard)) {
            return new PorchProbe(new PorchProbeProperties(Duration.ofSeconds(15)), guard, clients).probe(url);
        }
    }

    @Test
    void shouldRefuseAtCallTimeANameThatNowResolvesToADeniedAddress() {
        RebindingResolver resolver = new RebindingResolver();
        // no pinning: the connection makes its own (second) lookup, which answers the metadata address
        RepositoryView.Status status =
                probe(loopbackAllowed(Duration.ZERO), resolver, "http://porch.rebind.example:" + porch.port());

        assertThat(status).isEqualTo(RepositoryView.Status.UNAVAILABLE);
        assertThat(resolver.lookups).hasValue(2);
        porch.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldConnectToTheCheckedAddressWhileTheAnswerIsPinned() {
        RebindingResolver resolver = new RebindingResolver();
        RepositoryView.Status status =
                probe(loopbackAllowed(Duration.ofSeconds(30)), resolver, "http://porch.rebind.example:" + porch.port());

        assertThat(status).isEqualTo(RepositoryView.Status.READY);
        assertThat(resolver.lookups).hasValue(1);
        porch.verify(1, getRequestedFor(urlPathEqualTo(RepositoryService.PORCH_API_PATH)));
    }

    @Test
    void shouldRefuseLoopbackWithTheProductionDefaults() {
        UrlGuardProperties defaults = bind(Map.of()).urlGuard();
        assertThat(defaults.allowLoopback()).isFalse();
        try (OutboundUrlGuard guard = new OutboundUrlGuard(defaults)) {
            assertThat(guard.checkForRegistration("porch.url", porch.baseUrl()))
                    .extracting(FieldViolation::field)
                    .containsExactly("porch.url");
            // the same guard decides about a remote git repository's URL
            assertThat(guard.checkForRegistration("git.repo", porch.baseUrl() + "/packages.git"))
                    .extracting(FieldViolation::field)
                    .containsExactly("git.repo");
        }
        assertThat(probe(defaults, OutboundUrlGuard.Resolver.SYSTEM, porch.baseUrl()))
                .isEqualTo(RepositoryView.Status.UNAVAILABLE);
        porch.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldBindTheGuardAndTheProbeTimeoutUnderTheAdaptersUnchangedKeys() {
        Map<String, String> keys = Map.of(
                "aiops.porch.url-guard.allow-loopback", "true",
                "aiops.porch.url-guard.denied-networks", "10.99.0.0/16",
                "aiops.porch.url-guard.timeout", "7s");
        PorchProperties properties = bind(keys);
        assertThat(properties.urlGuard().allowLoopback()).isTrue();
        assertThat(properties.urlGuard().deniedNetworks()).containsExactly("10.99.0.0/16");
        assertThat(new Binder(new MapConfigurationPropertySource(keys))
                        .bindOrCreate("aiops.porch.url-guard", PorchProbeProperties.class)
                        .timeout())
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(bind(Map.of()).urlGuard().deniedNetworks()).contains("169.254.0.0/16", "100.100.100.200/32");
    }
}
