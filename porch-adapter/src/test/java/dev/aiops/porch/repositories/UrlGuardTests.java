package dev.aiops.porch.repositories;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTests {

    static final UrlGuard PRODUCTION = new UrlGuard(new PorchProperties.UrlGuard(
            false,
            List.of("metadata.google.internal"),
            List.of("169.254.0.0/16", "100.100.100.200/32", "fd00:ec2::/32"),
            Duration.ofSeconds(3)));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8443",
                "http://[::1]",
                "http://0.0.0.0",
                "http://169.254.169.254/latest/meta-data",
                "http://100.100.100.200",
                "http://[fd00:ec2::254]",
                "http://[::ffff:127.0.0.1]",
                "http://[2002:a9fe:a9fe::1]",
                "http://metadata.google.internal.",
                "ftp://porch.example.com",
                "https://token@porch.example.com",
                "https:///nohost"
            })
    void shouldRefuseWhatAProductionGuardMustNotCall(String url) {
        assertThat(PRODUCTION.problem(url)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://10.20.0.5:6443", "http://192.0.2.10", "https://[2001:db8::5]:443"})
    void shouldAllowOrdinaryAddressesOfAnApiServer(String url) {
        assertThat(PRODUCTION.problem(url)).isNull();
    }
}
