package dev.aiops.collector.alert;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.collector.cluster.ClusterDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The per-cluster webhook credentials of {@code aiops.collector.alerts.webhook.clusters}, and their check.
 *
 * <p>Secrets are stored encoded ({@code {bcrypt}...}). A bcrypt check costs tens of milliseconds of CPU, so a
 * successful check is remembered as the SHA-256 of what was presented and later requests are compared with
 * that digest in constant time; a changed secret fails the digest and goes through the slow check again.
 */
@Component
class WebhookCredentials {

    private static final int MAX_REMEMBERED = 1_000;

    private final Map<String, AlertProperties.ClusterCredentials> byCluster;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    private final ClusterDirectory clusters;

    WebhookCredentials(AlertProperties properties, ClusterDirectory clusters) {
        this.clusters = clusters;
        this.byCluster = properties.webhook().clusters().stream()
                .collect(
                        Collectors.toUnmodifiableMap(AlertProperties.ClusterCredentials::cluster, Function.identity()));
    }

    /**
     * The configured cluster name a webhook's {@code ?cluster=} (a name or a registry id) stands for, or null
     * when that cluster has no webhook credentials (a platform token is then needed, as everywhere).
     */
    String configuredCluster(String cluster) {
        if (cluster == null || byCluster.isEmpty()) {
            return null;
        }
        if (byCluster.containsKey(cluster)) {
            return cluster;
        }
        try {
            UUID id = UUID.fromString(cluster);
            return clusters.find(id)
                    .map(ClusterConnection::name)
                    .filter(byCluster::containsKey)
                    .orElse(null);
        } catch (IllegalArgumentException notAnId) {
            return null;
        } catch (RuntimeException registryDown) {
            // the id cannot be named now: fall back to the platform token, which still protects the webhook
            return null;
        }
    }

    boolean matchesBasic(String cluster, String username, String password) {
        AlertProperties.ClusterCredentials c = byCluster.get(cluster);
        if (c == null || !c.hasBasic()) {
            return false;
        }
        // compare the user names in constant time too: they are half of the secret
        boolean user = MessageDigest.isEqual(
                username.getBytes(StandardCharsets.UTF_8), c.username().getBytes(StandardCharsets.UTF_8));
        return matches("basic/" + cluster, username + '\0' + password, password, c.password()) && user;
    }

    boolean matchesBearer(String cluster, String token) {
        AlertProperties.ClusterCredentials c = byCluster.get(cluster);
        return c != null && c.hasBearer() && matches("bearer/" + cluster, token, token, c.bearerToken());
    }

    private boolean matches(String slot, String presented, String secret, String encoded) {
        byte[] digest = sha256(slot + '\0' + presented);
        byte[] known = verified.get(slot);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return true;
        }
        boolean ok;
        try {
            ok = encoder.matches(secret, encoded);
        } catch (IllegalArgumentException e) {
            // an encoded value without a known {id} prefix: a configuration error, never a match
            ok = false;
        }
        if (ok) {
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(slot, digest);
        }
        return ok;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
