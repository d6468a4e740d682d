package dev.aiops.registry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlGuardTests {

    static RegistryProperties.UrlGuard defaults(boolean allowLoopback) {
        return new RegistryProperties.UrlGuard(
                List.of("metadata.google.internal", "metadata.goog", "metadata"),
                List.of("169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128", "100.100.100.200/32", "0.0.0.0/32"),
                allowLoopback,
                Duration.ofSeconds(2));
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
            "ftp scheme, ftp://example.com/x",
            "file scheme, file:///etc/passwd",
            "user info, http://user:pass@example.com/"
        })
        void shouldRefuseWhenStoredOrCalled(String name, String url) {
            assertThat(guard.checkForRegistration("url", url)).as(name).hasSize(1);
            assertThatThrownBy(() -> guard.checkBeforeCall(url))
                    .isInstanceOf(OutboundUrlGuard.BlockedUrlException.class);
        }

        @Test
        void shouldRefuseLoopbackWhenConfiguredTo() {
            try (OutboundUrlGuard strict = new OutboundUrlGuard(defaults(false))) {
                assertThat(strict.checkForRegistration("url", "http://127.0.0.1:9090"))
                        .hasSize(1);
                assertThat(strict.checkForRegistration("url", "http://[::1]:9090"))
                        .hasSize(1);
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
                    "http://169.255.0.1"
                })
        void shouldAllowWhenAddressIsNotDenied(String url) {
            assertThat(guard.checkForRegistration("url", url)).isEmpty();
            guard.checkBeforeCall(url);
        }
    }

    @Test
    void shouldNameTheFieldInTheViolation() {
        assertThat(guard.checkForRegistration("endpoints.loki_url", "http://169.254.169.254")
                        .get(0)
                        .field())
                .isEqualTo("endpoints.loki_url");
    }
}
