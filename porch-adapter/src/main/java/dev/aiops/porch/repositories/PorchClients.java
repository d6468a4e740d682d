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
 * connects only to the addresses the guard approved, follows no redirect and has timeouts. The client uses
 * no credentials from the adapter's own environment or kubeconfig.
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
    private final Map<String, Cached> clients = new ConcurrentHashMap<>();

    private record Cached(String key, KubernetesClient client, PorchApiBackend backend) {}

    PorchClients(
            RegisteredRepositoryRepository registered,
            OutboundUrlGuard guard,
            GuardedHttpClients guarded,
            PorchApiProperties properties) {
        this.registered = registered;
        this.guard = guard;
        this.http = new GuardedKubernetesHttpFactory(guarded.dns());
        this.properties = properties;
    }

    /** The backend of a registered Porch repository; empty when {@code repository} is no such repository. */
    public Optional<PorchApiBackend> backend(String repository) {
        return registered
                .findById(repository)
                .filter(r -> r.type() == PorchProperties.Type.PORCH)
                .map(r -> backend(r.name(), r.porchUrl(), r.porchNamespace()));
    }

    private PorchApiBackend backend(String name, String url, String namespace) {
        try {
            guard.checkBeforeCall(url);
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            log.warn("Call to Porch repository {} refused: {}", name, e.getMessage());
            throw new ApiException(
                    ErrorCode.SERVICE_UNAVAILABLE, "The Porch API server of repository " + name + " is not allowed");
        }
        String key = url + "|" + namespace;
        Cached cached = clients.compute(name, (n, current) -> {
            if (current != null && current.key().equals(key)) {
                return current;
            }
            if (current != null) {
                current.client().close();
            }
            KubernetesClient client = new KubernetesClientBuilder()
                    .withHttpClientFactory(http)
                    .withConfig(config(url, namespace))
                    .build();
            return new Cached(key, client, new PorchApiBackend(client, namespace));
        });
        return cached.backend();
    }

    private Config config(String url, String namespace) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withNamespace(namespace)
                .withConnectionTimeout((int) properties.connectTimeout().toMillis())
                .withRequestTimeout((int) properties.requestTimeout().toMillis())
                // a retried update would hide the conflict the caller must see
                .withRequestRetryBackoffLimit(0)
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
