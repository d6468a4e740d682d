package dev.aiops.intent.cnf;

import dev.aiops.platform.outbound.UrlGuardProperties;
import jakarta.validation.Valid;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The CNF health monitor: how often it reads the CNFs' Deployments on their clusters, how long an Active
 * CNF's Deployment may stay not ready before the CNF is Degraded (a rolling restart must not flap it), how
 * long a cluster's connection read from the registry is reused, the Kubernetes API call timeouts, and the
 * platform's URL guard for the API server URLs (loopback refused unless {@code url-guard.allow-loopback}).
 */
@Validated
@ConfigurationProperties(prefix = "aiops.intent.health")
record HealthProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2s") Duration degradedAfter,
        @DefaultValue("60s") Duration connectionTtl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration requestTimeout,
        @Valid @DefaultValue UrlGuardProperties urlGuard) {}
