package dev.aiops.intent.cnf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.aiops.model.cluster.AuthType;
import dev.aiops.platform.outbound.GuardedKubernetesHttpFactory;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.platform.web.ServiceClients;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Reads a CNF's Deployment, its pods and its Service's endpoints on its cluster. The API server URL and the credentials come from the cluster
 * registry's internal connection endpoint, called as this service (the registry lets only the services
 * named in its connection-readers read them, and audits every read); they are cached for {@code
 * connection-ttl} and dropped on any failure, so re-registered credentials are picked up. The URL was
 * checked by the registry's URL guard when it was stored; here only http(s) is accepted, redirects are not
 * followed, no proxy is used and every call has a timeout.
 */
@Component
class ClusterApi implements DisposableBean {

    private final HealthProperties properties;
    private final ServiceClients clients;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    private final OutboundUrlGuard guard;
    private final GuardedKubernetesHttpFactory http;
    private volatile RestClient registry;

    ClusterApi(ServiceClients clients, HealthProperties properties) {
        this.clients = clients;
        this.properties = properties;
        this.guard = new OutboundUrlGuard(properties.urlGuard());
        this.http = new GuardedKubernetesHttpFactory(guard);
    }

    /** Thrown when the cluster cannot be asked: registry or API server unreachable, credentials refused. */
    static class Unreachable extends RuntimeException {
        private final boolean clusterWide;

        Unreachable(String message, Throwable cause) {
            this(message, cause, true);
        }

        Unreachable(String message, Throwable cause, boolean clusterWide) {
            super(message, cause);
            this.clusterWide = clusterWide;
        }

        /** False when only this one read was refused (403 on one resource): the cluster itself answers. */
        boolean clusterWide() {
            return clusterWide;
        }
    }

    /** The Deployment, or empty when the cluster has none of that name (not applied yet, or deleted). */
    Optional<Deployment> deployment(UUID clusterId, String namespace, String name) {
        return read(
                clusterId,
                "Deployment " + name,
                client -> Optional.ofNullable(client.apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withName(name)
                        .get()));
    }

    /** The pods a Deployment's selector matches (its ReplicaSets' pods, old and new, terminating included). */
    List<Pod> pods(UUID clusterId, String namespace, LabelSelector selector) {
        return read(
                clusterId,
                "the pods of " + namespace,
                client -> client.pods()
                        .inNamespace(namespace)
                        .withLabelSelector(selector)
                        .list()
                        .getItems());
    }

    /**
     * The Service's endpoints: its EndpointSlices (label {@code kubernetes.io/service-name}); when it has none,
     * its v1 Endpoints object, which clusters without the EndpointSlice mirroring (or a Service with
     * hand-written endpoints) still carry.
     */
    ServiceEndpoints endpoints(UUID clusterId, String namespace, String service) {
        return read(clusterId, "the endpoints of Service " + service, client -> {
            List<EndpointSlice> slices = client.discovery()
                    .v1()
                    .endpointSlices()
                    .inNamespace(namespace)
                    .withLabel("kubernetes.io/service-name", service)
                    .list()
                    .getItems();
            Endpoints endpoints = slices.isEmpty()
                    ? client.endpoints()
                            .inNamespace(namespace)
                            .withName(service)
                            .get()
                    : null;
            return new ServiceEndpoints(slices, endpoints);
        });
    }

    /** What a Service's EndpointSlices or Endpoints say; either may be empty. */
    record ServiceEndpoints(List<EndpointSlice> slices, Endpoints endpoints) {}

    /**
     * One read through the cluster's client. An answer other than 401 refuses only this read (RBAC on one
     * resource): the cluster itself answers. No answer, or refused credentials, is cluster-wide, and the
     * cached connection is dropped so the registry is asked again next time.
     */
    private <T> T read(UUID clusterId, String what, Function<KubernetesClient, T> call) {
        KubernetesClient client = client(clusterId);
        try {
            return call.apply(client);
        } catch (KubernetesClientException e) {
            if (e.getCode() > 0 && e.getCode() != 401) {
                throw new Unreachable(
                        "the cluster's API server answered HTTP " + e.getCode() + " reading " + what, e, false);
            }
            evict(clusterId);
            throw new Unreachable(
                    e.getCode() == 401
                            ? "the cluster's API server refused the credentials (HTTP 401)"
                            : "the cluster's API server did not answer",
                    e);
        } catch (RuntimeException e) {
            evict(clusterId);
            throw new Unreachable("the cluster's API server did not answer", e);
        }
    }

    private KubernetesClient client(UUID clusterId) {
        Cached cached = cache.get(clusterId);
        if (cached != null && cached.expiresAt().isAfter(Instant.now())) {
            return cached.client();
        }
        Connection connection;
        try {
            connection = registry()
                    .get()
                    .uri("/internal/v1/clusters/{id}/connection", clusterId)
                    .retrieve()
                    .body(Connection.class);
        } catch (RuntimeException e) {
            throw new Unreachable("cluster registry did not give the connection of cluster " + clusterId, e);
        }
        if (connection == null || connection.apiServerUrl() == null) {
            throw new Unreachable("cluster " + clusterId + " has no API server URL", null);
        }
        try {
            guard.checkBeforeCall(connection.apiServerUrl());
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            throw new Unreachable("cluster " + clusterId + " API server URL is refused: " + e.getMessage(), null);
        }
        if (connection.authType() == AuthType.KUBECONFIG) {
            // fabric8 would run a kubeconfig's exec plugins on this host; only token credentials are used here
            throw new Unreachable("cluster " + clusterId + " is registered with a kubeconfig, not a token", null);
        }
        KubernetesClient client = new KubernetesClientBuilder()
                .withHttpClientFactory(http)
                .withConfig(config(connection))
                .build();
        Cached previous = cache.put(clusterId, new Cached(client, Instant.now().plus(properties.connectionTtl())));
        if (previous != null) {
            previous.client().close();
        }
        return client;
    }

    private Config config(Connection connection) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(connection.apiServerUrl())
                .withOauthToken(connection.token())
                .withConnectionTimeout((int) properties.connectTimeout().toMillis())
                .withRequestTimeout((int) properties.requestTimeout().toMillis())
                .withRequestRetryBackoffLimit(0)
                .withNamespace("default")
                .build();
    }

    void evict(UUID clusterId) {
        Cached cached = cache.remove(clusterId);
        if (cached != null) {
            cached.client().close();
        }
    }

    private RestClient registry() {
        RestClient current = registry;
        if (current == null) {
            current = clients.forService("cluster-registry", Duration.ofSeconds(2), Duration.ofSeconds(10));
            registry = current;
        }
        return current;
    }

    @Override
    public void destroy() {
        cache.values().forEach(c -> c.client().close());
        cache.clear();
        guard.close();
    }

    private record Cached(KubernetesClient client, Instant expiresAt) {}

    /** The members of the registry's connection view used here; holds a secret, never logged. */
    @JsonNaming(SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Connection(UUID clusterId, String apiServerUrl, AuthType authType, String token) {

        @Override
        public String toString() {
            return "Connection[clusterId=" + clusterId + ", secrets=<redacted>]";
        }
    }
}
