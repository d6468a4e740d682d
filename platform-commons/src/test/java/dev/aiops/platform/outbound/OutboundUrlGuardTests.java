package dev.aiops.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class OutboundUrlGuardTests {

    /** The production defaults, as {@link UrlGuardProperties} binds them, with loopback as asked. */
    static UrlGuardProperties defaults(boolean allowLoopback) {
        return new UrlGuardProperties(
                List.of("metadata.google.internal", "metadata.goog", "metadata"),
                List.of(
                        "0.0.0.0/8",
                        "169.254.0.0/16",
                        "100.100.100.200/32",
                        "255.255.255.255/32",
                        "::/128",
                        "fe80::/10",
                        "fd00:ec2::254/128"),
                allowLoopback,
                Duration.ofSeconds(2),
                Duration.ofSeconds(30));
    }

    /** What a service gets with nothing configured (the registry binds it under aiops.registry.url-guard). */
    static UrlGuardProperties productionDefaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("aiops.registry.url-guard", UrlGuardProperties.class);
    }

    OutboundUrlGuard guard = new OutboundUrlGuard(defaults(true));

    @AfterEach
    void close() {
        guard.close();
    }

    @Nested
    class Refused {

        @ParameterizedTest(name = "{0}")
        @CsvSource({
            "AWS metadata, http://169.254.169.254/latest/meta-data",
            "link-local v4, https://169.254.10.1:6443",
            "link-local v6, https://[fe80::1%25eth0]:6443",
            "link-local v6 plain, https://[fe80::abcd]:6443",
            "EC2 IPv6 metadata, http://[fd00:ec2::254]/latest",
            "IPv4-mapped metadata, http://[::ffff:169.254.169.254]/",
            "GCP metadata name, http://metadata.google.internal/computeMetadata/v1",
            "GCP metadata name with trailing dot, http://metadata.google.internal./x",
            "GCP metadata name upper case, http://METADATA.GOOGLE.INTERNAL/x",
            "bare metadata name, http://metadata/x",
            "Alibaba metadata, http://100.100.100.200/latest",
            "unspecified address, http://0.0.0.0:9090",
            "unspecified IPv6 address, http://[::]:9090",
            "unspecified IPv6 address long form, http://[0:0:0:0:0:0:0:0]:9090",
            "this-network block, http://0.1.2.3:9090",
            "broadcast, http://255.255.255.255/",
            "multicast, http://224.0.0.1/",
            "IPv4-compatible metadata, http://[::169.254.169.254]/",
            "IPv4-compatible metadata in hex, http://[::a9fe:a9fe]/",
            "IPv4-compatible unspecified, http://[::0.0.0.0]/",
            "NAT64 metadata, http://[64:ff9b::169.254.169.254]/",
            "NAT64 metadata in hex, http://[64:ff9b::a9fe:a9fe]/",
            "NAT64 local-use metadata, http://[64:ff9b:1::a9fe:a9fe]/",
            "NAT64 Alibaba metadata, http://[64:ff9b::6464:64c8]/",
            "6to4 metadata, http://[2002:a9fe:a9fe::1]/",
            "Teredo metadata client, http://[2001:0:4136:e378:8000:63bf:5601:5601]/",
            "ftp scheme, ftp://example.com/x",
            "file scheme, file:///etc/passwd",
            "user info, http://user:pass@example.com/"
        })
        void shouldRefuseWhenStoredOrCalled(String name, String url) {
            assertThat(guard.checkForRegistration("url", url)).as(name).hasSize(1);
            assertThatThrownBy(() -> guard.checkBeforeCall(url))
                    .isInstanceOf(OutboundUrlGuard.BlockedUrlException.class);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "http://127.0.0.1:9090",
                    "http://127.1.2.3:9090",
                    "http://localhost:9090",
                    "http://[::1]:9090",
                    "http://[::ffff:127.0.0.1]:9090",
                    "http://[64:ff9b::7f00:1]:9090"
                })
        void shouldRefuseLoopbackWithTheProductionDefaults(String url) {
            try (OutboundUrlGuard production = new OutboundUrlGuard(productionDefaults())) {
                assertThat(production.checkForRegistration("url", url)).hasSize(1);
                assertThatThrownBy(() -> production.checkBeforeCall(url))
                        .isInstanceOf(OutboundUrlGuard.BlockedUrlException.class)
                        .hasMessageContaining("loopback");
            }
        }

        @Test
        void shouldRefuseWhenAnyAddressOfTheNameIsDenied() {
            OutboundUrlGuard.Resolver twoAnswers = host ->
                    new InetAddress[] {InetAddress.getByName("10.0.0.7"), InetAddress.getByName("169.254.169.254")};
            try (OutboundUrlGuard strict = new OutboundUrlGuard(defaults(false), twoAnswers)) {
                assertThat(strict.checkForRegistration("url", "https://api.edge1.example:6443"))
                        .singleElement()
                        .satisfies(v -> assertThat(v.message()).contains("link-local"));
            }
        }

        @Test
        void shouldRefuseUnresolvableHostsOnlyWhenCalling() {
            String url = "https://api.cluster.invalid:6443";
            assertThat(guard.checkForRegistration("url", url)).isEmpty();
            assertThatThrownBy(() -> guard.checkBeforeCall(url)).hasMessageContaining("does not resolve");
        }
    }

    @Nested
    class Allowed {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "http://127.0.0.1:9090",
                    "http://localhost:9090",
                    "https://[::1]:6443",
                    "https://10.0.0.12:6443",
                    "https://192.168.1.10:6443",
                    "https://172.16.0.5",
                    "http://169.253.255.255",
                    "http://169.255.0.1",
                    "http://1.0.0.1",
                    "https://[fd12:3456:789a::1]:6443",
                    "https://[64:ff9b::a00:1]:6443",
                    "https://[2001:db8::1]:6443"
                })
        void shouldAllowWhenAddressIsNotDenied(String url) {
            assertThat(guard.checkForRegistration("url", url)).isEmpty();
            guard.checkBeforeCall(url);
        }
    }

    @Test
    void shouldDenyLoopbackAndTheUnspecifiedNetworksByDefault() {
        UrlGuardProperties defaults = productionDefaults();
        assertThat(defaults.allowLoopback()).isFalse();
        assertThat(defaults.deniedNetworks()).contains("0.0.0.0/8", "::/128", "169.254.0.0/16");
    }

    @Test
    void shouldNameTheFieldInTheViolation() {
        assertThat(guard.checkForRegistration("endpoints.loki_url", "http://169.254.169.254")
                        .get(0)
                        .field())
                .isEqualTo("endpoints.loki_url");
    }
}
