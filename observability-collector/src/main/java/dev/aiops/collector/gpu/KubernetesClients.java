package dev.aiops.collector.gpu;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.GuardedKubernetesHttpFactory;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * fabric8 clients of the clusters' API servers, built from the credentials the registry stores (never from
 * the collector's own environment or kubeconfig) and cached until they change. Their OkHttp transport
 * connects only to addresses the platform's {@link OutboundUrlGuard} checked and pinned, follows no
 * redirect and uses no proxy. Kubeconfigs
 * are read for inline material only: exec plugins, auth providers and file references would run programs
 * or read files on the collector's host.
 */
@Component
class KubernetesClients implements DisposableBean {

    private record Cached(String key, KubernetesClient client) {}

    private final Map<UUID, Cached> clients = new ConcurrentHashMap<>();
    private final OutboundUrlGuard guard;
    private final GuardedHttpClients outbound;
    private final GuardedKubernetesHttpFactory factory;
    private final GpuProperties.Exec settings;

    KubernetesClients(GpuProperties properties) {
        this.settings = properties.exec();
        this.guard = new OutboundUrlGuard(settings.guard());
        this.outbound = new GuardedHttpClients(guard);
        this.factory = new GuardedKubernetesHttpFactory(outbound.dns());
    }

    /** The client for a cluster with API server credentials; rebuilt when its URL or credentials changed. */
    KubernetesClient client(ClusterConnection connection) {
        checkShape(connection.apiServerUrl());
        String key = connection.apiServerUrl() + "|" + Objects.hash(connection.token(), connection.kubeconfig());
        List<KubernetesClient> replaced = new ArrayList<>(1);
        Cached cached = clients.compute(connection.id(), (id, current) -> {
            if (current != null && current.key().equals(key)) {
                return current;
            }
            if (current != null) {
                replaced.add(current.client());
            }
            return new Cached(
                    key,
                    new KubernetesClientBuilder()
                            .withHttpClientFactory(factory)
                            .withConfig(config(connection))
                            .build());
        });
        replaced.forEach(KubernetesClient::close);
        return cached.client();
    }

    /** Closes the clients of clusters no longer in the directory. */
    void retainOnly(List<UUID> clusterIds) {
        clients.keySet().stream()
                .filter(id -> !clusterIds.contains(id))
                .toList()
                .forEach(id -> {
                    Cached c = clients.remove(id);
                    if (c != null) {
                        c.client().close();
                    }
                });
    }

    /** The platform guard's check right before use: OkHttp asks no DNS for an address literal. */
    private void checkShape(String url) {
        try {
            guard.checkBeforeCall(url);
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            throw new IllegalArgumentException("api_server_url refused: " + e.reason(), e);
        }
    }

    private Config config(ClusterConnection connection) {
        int timeout = (int) settings.timeout().toMillis();
        ConfigBuilder builder = new ConfigBuilder(Config.empty())
                .withMasterUrl(connection.apiServerUrl())
                .withRequestTimeout(timeout)
                .withConnectionTimeout(timeout)
                .withRequestRetryBackoffLimit(0)
                .withDisableHostnameVerification(false);
        if ("KUBECONFIG".equals(connection.authType()) && connection.kubeconfig() != null) {
            applyKubeconfig(builder, connection.kubeconfig());
        } else if (connection.token() != null) {
            builder.withOauthToken(connection.token());
        }
        return builder.build();
    }

    private static void applyKubeconfig(ConfigBuilder builder, String kubeconfig) {
        io.fabric8.kubernetes.api.model.Config config = KubeConfigUtils.parseConfigFromString(kubeconfig);
        List<NamedContext> contexts = config.getContexts() == null ? List.of() : config.getContexts();
        NamedContext context = contexts.stream()
                .filter(c -> config.getCurrentContext() == null
                        || config.getCurrentContext().equals(c.getName()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("kubeconfig has no usable context"));
        String clusterName = context.getContext().getCluster();
        String userName = context.getContext().getUser();
        Cluster cluster = (config.getClusters() == null ? List.<NamedCluster>of() : config.getClusters())
                .stream()
                        .filter(c -> Objects.equals(c.getName(), clusterName))
                        .map(NamedCluster::getCluster)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("kubeconfig context names no cluster"));
        AuthInfo user = (config.getUsers() == null ? List.<NamedAuthInfo>of() : config.getUsers())
                .stream()
                        .filter(u -> Objects.equals(u.getName(), userName))
                        .map(NamedAuthInfo::getUser)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("kubeconfig context names no user"));
        if (user.getExec() != null
                || user.getAuthProvider() != null
                || user.getTokenFile() != null
                || user.getClientCertificate() != null
                || user.getClientKey() != null
                || cluster.getCertificateAuthority() != null) {
            throw new IllegalArgumentException("kubeconfig must carry inline credentials only");
        }
        builder.withCaCertData(cluster.getCertificateAuthorityData())
                .withTrustCerts(Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify()))
                .withClientCertData(user.getClientCertificateData())
                .withClientKeyData(user.getClientKeyData())
                .withOauthToken(user.getToken())
                .withUsername(user.getUsername())
                .withPassword(user.getPassword());
    }

    @Override
    public void destroy() {
        clients.values().forEach(c -> c.client().close());
        clients.clear();
        outbound.close();
        guard.close();
    }
}
