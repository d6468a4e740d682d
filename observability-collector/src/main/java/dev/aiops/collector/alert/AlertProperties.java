package dev.aiops.collector.alert;

import dev.aiops.platform.outbound.UrlGuardProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code aiops.collector.alerts.*}: the Alertmanager poll and the webhook's per-cluster credentials. */
@Validated
@ConfigurationProperties(prefix = "aiops.collector.alerts")
record AlertProperties(
        @Valid @DefaultValue Poll poll, @Valid @DefaultValue Webhook webhook) {

    /**
     * Reads {@code GET /api/v2/alerts} of every cluster that has an {@code alertmanager_url}, so that alerts
     * fired or resolved while the collector was down (or while a webhook was lost) are caught up.
     *
     * @param interval pause between two rounds over the fleet
     * @param initialDelay first round after start-up: the catch-up after a restart
     * @param connectTimeout TCP connect timeout towards an Alertmanager
     * @param timeout whole request timeout of one Alertmanager call
     * @param maxResponseBytes an answer larger than this is refused (the URL is user-supplied)
     * @param threads Alertmanagers polled at once
     * @param allowLoopback allow Alertmanagers on loopback addresses (tests and single-host setups only); kept
     *     from before the platform guard, {@code url-guard.allow-loopback} does the same
     * @param urlGuard where an {@code alertmanager_url} may not point: platform-commons' guard with its
     *     production defaults, under {@code aiops.collector.alerts.poll.url-guard.*}
     */
    record Poll(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30s") Duration interval,
            @DefaultValue("5s") Duration initialDelay,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration timeout,
            @Min(1024) @DefaultValue("16777216") int maxResponseBytes,
            @Min(1) @Max(64) @DefaultValue("4") int threads,
            @DefaultValue("false") boolean allowLoopback,
            @Valid @DefaultValue UrlGuardProperties urlGuard) {

        /** The guard's settings, loopback allowed when either key allows it (both are off by default). */
        UrlGuardProperties guard() {
            return new UrlGuardProperties(
                    urlGuard.deniedHosts(),
                    urlGuard.deniedNetworks(),
                    allowLoopback || urlGuard.allowLoopback(),
                    urlGuard.resolveTimeout(),
                    urlGuard.pinTtl());
        }
    }

    /**
     * @param clusters per-cluster webhook credentials; a cluster listed here must present them (or a platform
     *     token of an operator or service) when Alertmanager posts to {@code /api/v1/alerts/webhook?cluster=<name>}
     */
    record Webhook(@Valid @DefaultValue List<ClusterCredentials> clusters) {}

    /**
     * The credentials of one cluster's Alertmanager. Secrets are Spring Security encoded values such as
     * {@code {bcrypt}$2a$10$...} ({@code {noop}secret} in development only); give a basic-auth pair, a
     * bearer token, or both.
     *
     * @param cluster the cluster's registry name, as in {@code ?cluster=}
     */
    record ClusterCredentials(@NotBlank String cluster, String username, String password, String bearerToken) {

        boolean hasBasic() {
            return username != null && !username.isBlank() && password != null && !password.isBlank();
        }

        boolean hasBearer() {
            return bearerToken != null && !bearerToken.isBlank();
        }

        @Override
        public String toString() {
            return "ClusterCredentials[cluster=" + cluster + ", secrets=<redacted>]";
        }
    }
}
