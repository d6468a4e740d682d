package dev.aiops.model.cluster;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Credentials for a cluster, write-only: stored encrypted and never returned. KUBECONFIG needs
 * {@code kubeconfig}; SERVICE_ACCOUNT and OIDC need {@code token}.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record CredentialsRequest(
        @NotNull AuthType authType,
        @Size(max = 262_144) String kubeconfig,
        @Size(max = 16_384) String token,
        @Size(max = 16_384) String prometheusToken,
        Instant expiresAt) {

    @AssertTrue(message = "kubeconfig is required for KUBECONFIG, token for SERVICE_ACCOUNT and OIDC")
    boolean isSecretPresentForAuthType() {
        if (authType == null) {
            return true; // reported by @NotNull
        }
        return switch (authType) {
            case KUBECONFIG -> kubeconfig != null && !kubeconfig.isBlank();
            case SERVICE_ACCOUNT, OIDC -> token != null && !token.isBlank();
        };
    }

    /** Keeps secrets out of logs and exception messages. */
    @Override
    public String toString() {
        return "CredentialsRequest[authType=" + authType + ", expiresAt=" + expiresAt + ", secrets=<redacted>]";
    }
}
