package dev.aiops.registry.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.platform.outbound.UrlGuardProperties;
import dev.aiops.registry.config.RegistryProperties;
import dev.aiops.registry.support.KubeApi;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The clients every feature uses for user-supplied URLs, against real local servers: a name that
 * answers differently on its second lookup (DNS rebinding) and redirects towards a metadata address.
 */
class OutboundHttpTests {

    static final String METADATA = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";

    WireMockServer server;
    WireMockServer elsewhere;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere.start();
        elsewhere.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("followed")));
    }

    @AfterEach
    void stop() {
        server.stop();
        elsewhere.stop();
    }

    /** First answer loopback (allowed in this guard), every later one the metadata address. */
    static final class RebindingResolver implements OutboundUrlGuard.Resolver {
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return lookups.incrementAndGet() == 1
                    ? new InetAddress[] {InetAddress.getByName("127.0.0.1")}
                    : new InetAddress[] {InetAddress.getByName("169.254.169.254")};
        }
    }

    /** The registry's production defaults, bound under its unchanged keys, with loopback allowed. */
    static UrlGuardProperties guardProperties(Duration pinTtl) {
        UrlGuardProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("aiops.registry", RegistryProperties.class)
                .urlGuard();
        return new UrlGuardProperties(
                defaults.deniedHosts(), defaults.deniedNetworks(), true, defaults.resolveTimeout(), pinTtl);
    }

    @Test
    void shouldBindTheGuardUnderTheRegistrysUnchangedKeys() {
        RegistryProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "aiops.registry.url-guard.allow-loopback", "true",
                        "aiops.registry.url-guard.pin-ttl", "5s")))
                .bindOrCreate("aiops.registry", RegistryProperties.class);
        assertThat(properties.urlGuard().allowLoopback()).isTrue();
        assertThat(properties.urlGuard().pinTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.urlGuard().deniedNetworks()).contains("169.254.0.0/16");
    }

    static int status(OkHttpClient client, String url) throws Exception {
        try (Response response =
                client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code();
        }
    }

    static KubernetesClient kubernetes(OutboundHttp outbound, String url) {
        return new KubernetesClientBuilder()
                .withHttpClientFactory(outbound.kubernetesClientFactory())
                .withConfig(new ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                        .withMasterUrl(url)
                        .withRequestRetryBackoffLimit(0)
                        .withRequestTimeout(5_000)
                        .build())
                .build();
    }

    @Nested
    class DnsRebinding {

        @Test
        void shouldConnectToTheCheckedAddressWhenTheNameAnswersDifferentlyOnTheSecondLookup() throws Exception {
            server.stubFor(
                    get(urlPathEqualTo("/-/ready")).willReturn(aResponse().withStatus(200)));
            RebindingResolver resolver = new RebindingResolver();
            String url = "http://rebind.example:" + server.port() + "/-/ready";
            try (OutboundUrlGuard guard = new OutboundUrlGuard(guardProperties(Duration.ofSeconds(30)), resolver);
                    OutboundHttp outbound = new OutboundHttp(guard)) {
                guard.checkBeforeCall(url);

                assertThat(status(outbound.plainClient(Duration.ofSeconds(2)), url))
                        .isEqualTo(200);
                assertThat(resolver.lookups).hasValue(1);
                server.verify(1, getRequestedFor(urlPathEqualTo("/-/ready")));
            }
        }

        @Test
        void shouldPinForTheKubernetesClientsToo() {
            server.stubFor(get(urlPathEqualTo("/version"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody(KubeApi.resource("kube/version.json"))));
            RebindingResolver resolver = new RebindingResolver();
            String url = "http://rebind.example:" + server.port();
            try (OutboundUrlGuard guard = new OutboundUrlGuard(guardProperties(Duration.ofSeconds(30)), resolver);
                    OutboundHttp outbound = new OutboundHttp(guard);
                    KubernetesClient client = kubernetes(outbound, url)) {
                guard.checkBeforeCall(url);

                assertThat(client.getKubernetesVersion().getGitVersion()).startsWith("v1.");
                assertThat(resolver.lookups).hasValue(1);
            }
        }

        @Test
        void shouldRefuseTheConnectionWhenTheNameNowResolvesToADeniedAddress() {
            RebindingResolver resolver = new RebindingResolver();
            String url = "http://rebind.example:" + server.port() + "/-/ready";
            // no pinning: the connection makes its own (second) lookup, and it is checked as well
            try (OutboundUrlGuard guard = new OutboundUrlGuard(guardProperties(Duration.ZERO), resolver);
                    OutboundHttp outbound = new OutboundHttp(guard)) {
                guard.checkBeforeCall(url);

                assertThatThrownBy(() -> status(outbound.plainClient(Duration.ofSeconds(2)), url))
                        .isInstanceOf(GuardedHttpClients.BlockedAddressException.class)
                        .hasMessageContaining("link-local");
                assertThat(resolver.lookups).hasValue(2);
                server.verify(0, anyRequestedFor(anyUrl()));
            }
        }
    }

    @Nested
    class Redirects {

        @Test
        void shouldNotFollowARedirectWithThePlainClient() throws Exception {
            server.stubFor(get(urlPathEqualTo("/-/ready"))
                    .willReturn(aResponse().withStatus(302).withHeader("Location", METADATA)));
            server.stubFor(get(urlPathEqualTo("/ready"))
                    .willReturn(aResponse().withStatus(302).withHeader("Location", elsewhere.baseUrl() + "/x")));
            try (OutboundUrlGuard guard = new OutboundUrlGuard(guardProperties(Duration.ofSeconds(30)));
                    OutboundHttp outbound = new OutboundHttp(guard)) {
                OkHttpClient client = outbound.plainClient(Duration.ofSeconds(2));

                assertThat(status(client, server.baseUrl() + "/-/ready")).isEqualTo(302);
                assertThat(status(client, server.baseUrl() + "/ready")).isEqualTo(302);
                elsewhere.verify(0, anyRequestedFor(anyUrl()));
            }
        }

        @Test
        void shouldNotFollowARedirectWithTheKubernetesClientsThoughFabric8AsksForIt() throws Exception {
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", METADATA)));
            server.stubFor(get(urlPathEqualTo("/readyz"))
                    .willReturn(aResponse().withStatus(302).withHeader("Location", elsewhere.baseUrl() + "/readyz")));
            try (OutboundUrlGuard guard = new OutboundUrlGuard(guardProperties(Duration.ofSeconds(30)));
                    OutboundHttp outbound = new OutboundHttp(guard);
                    KubernetesClient client = kubernetes(outbound, server.baseUrl())) {
                var http = client.getHttpClient();
                HttpResponse<String> readyz = http.sendAsync(
                                http.newHttpRequestBuilder()
                                        .uri(server.baseUrl() + "/readyz")
                                        .build(),
                                String.class)
                        .get(5, TimeUnit.SECONDS);

                assertThat(readyz.code()).isEqualTo(302);
                elsewhere.verify(0, anyRequestedFor(anyUrl()));
                assertThatThrownBy(() -> client.getKubernetesVersion())
                        .isInstanceOfSatisfying(
                                KubernetesClientException.class,
                                e -> assertThat(e.getCode()).isEqualTo(302));
                // a client fabric8 derives from ours keeps the settings
                var derived = http.newBuilder().authenticatorNone().build();
                assertThat(derived.sendAsync(
                                        derived.newHttpRequestBuilder()
                                                .uri(server.baseUrl() + "/readyz")
                                                .build(),
                                        String.class)
                                .get(5, TimeUnit.SECONDS)
                                .code())
                        .isEqualTo(302);
                elsewhere.verify(0, anyRequestedFor(anyUrl()));
            }
        }
    }
}
