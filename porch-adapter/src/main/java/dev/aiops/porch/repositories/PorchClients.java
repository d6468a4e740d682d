package dev.aiops.porch.repositories;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.GuardedKubernetesHttpFactory;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.porch.porchapi.PorchApiBackend;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The Porch API backend of each registered Porch repository. Its URL passes the platform's URL guard before
 * every use (a name re-pointed at a denied address since registration is refused), and its fabric8 client
 * connects only to the addresses the guard approved, follows no redirect and has timeouts. The client sends the
 * bearer token its {@code porch.secret_ref} names ({@link PorchCredentials}, resolved again before every use, so
 * changed or rotated credentials build a new client) and checks TLS against its CA bundle when one is given, else
 * the JVM's trust store; it takes nothing from the adapter's own kubeconfig or environment.
 *
 * <p>The registered repository's name is the name of the Repository object on the Porch server
 * ({@code spec.repository} of its PackageRevisions), in the registered namespace.
 */
@Component
public class PorchClients implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PorchClients.class);

    private final RegisteredRepositoryRepository registered;
    private final OutboundUrlGuard guard;
    private final GuardedKubernetesHttpFactory http;
    private final PorchApiProperties properties;
    private final PorchCredentials credentials;
    private final String instanceId;
    private final Map<String, Cached> clients = new ConcurrentHashMap<>();

    private record Cached(String key, KubernetesClient client, PorchApiBackend backend) {}

    PorchClients(
            RegisteredRepositoryRepository registered,
            OutboundUrlGuard guard,
            GuardedHttpClients guarded,
            PorchApiProperties properties,
            PorchCredentials credentials,
            PorchApiCredentialsProperties porchApi) {
        this.registered = registered;
        this.guard = guard;
        this.http = new GuardedKubernetesHttpFactory(guarded.dns());
        this.properties = properties;
        this.credentials = credentials;
        this.instanceId = porchApi.instanceId();
    }

    /** The backend of a registered Porch repository; empty when {@code repository} is no such repository. */
    public Optional<PorchApiBackend> backend(String repository) {
        return registered
                .findById(repository)
                .filter(r -> r.type() == PorchProperties.Type.PORCH)
                .map(r -> backend(r.name(), r.porchUrl(), r.porchNamespace(), r.porchSecretRef()));
    }

    // package-private for the TLS test, which drives a client without a registered row
    PorchApiBackend backend(String name, String url, String namespace, String secretRef) {
        try {
            guard.checkBeforeCall(url);
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            log.warn("Call to Porch repository {} refused: {}", name, e.getMessage());
            throw new ApiException(
                    ErrorCode.SERVICE_UNAVAILABLE, "The Porch API server of repository " + name + " is not allowed");
        }
        PorchCredentials.Resolved resolved;
        try {
            resolved = credentials.resolve(secretRef).orElse(null);
        } catch (IllegalArgumentException e) {
            // removed from the configuration since registration, or the service account files are gone
            log.warn("Credentials {} of Porch repository {} cannot be used: {}", secretRef, name, e.getMessage());
            throw new ApiException(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "The credentials of Porch repository " + name + " are not available");
        }
        // a digest of the credentials: a changed or rotated token builds a new client
        String key = url + "|" + namespace + "|" + (resolved == null ? "-" : resolved.fingerprint());
        Cached cached = clients.compute(name, (n, current) -> {
            if (current != null && current.key().equals(key)) {
                return current;
            }
            if (current != null) {
                current.client().close();
            }
            KubernetesClient client = new KubernetesClientBuilder()
                    .withHttpClientFactory(http)
                    .withConfig(config(url, namespace, resolved))
                    .build();
            return new Cached(key, client, new PorchApiBackend(client, namespace, instanceId));
        });
        return cached.backend();
    }

    private Config config(String url, String namespace, PorchCredentials.Resolved resolved) {
        ConfigBuilder builder = new ConfigBuilder(Config.empty());
        if (resolved != null) {
            builder.withOauthToken(resolved.token());
            if (resolved.caCertificate() != null) {
                builder.withCaCertData(Base64.getEncoder()
                        .encodeToString(resolved.caCertificate().getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return builder.withMasterUrl(url)
                .withNamespace(namespace)
                .withConnectionTimeout((int) properties.connectTimeout().toMillis())
                .withRequestTimeout((int) properties.requestTimeout().toMillis())
                // a retried update would hide the conflict the caller must see
                .withRequestRetryBackoffLimit(0)
                .withTrustCerts(false)
                .withDisableHostnameVerification(false)
                .build();
    }

    void evict(String name) {
        Cached cached = clients.remove(name);
        if (cached != null) {
            cached.client().close();
        }
    }

    @Override
    public void destroy() {
        clients.values().forEach(c -> c.client().close());
        clients.clear();
    }
}
