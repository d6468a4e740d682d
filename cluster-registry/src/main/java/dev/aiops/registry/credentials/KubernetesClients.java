package dev.aiops.registry.credentials;

import dev.aiops.model.cluster.AuthType;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.registry.config.RegistryProperties;
import dev.aiops.registry.security.OutboundHttp;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * fabric8 clients per cluster, built from the stored credentials (never from the registry's own
 * environment or kubeconfig), cached until the credentials or the API server URL change. They come from
 * {@link OutboundHttp}'s factory: they connect only to addresses the URL guard checked and follow no
 * redirect.
 */
@Component
public class KubernetesClients implements DisposableBean {

    private final HttpClient.Factory httpClientFactory;
    private final Map<UUID, Cached> clients = new ConcurrentHashMap<>();
    private final OutboundUrlGuard urlGuard;
    private final RegistryProperties properties;

    KubernetesClients(OutboundUrlGuard urlGuard, OutboundHttp outbound, RegistryProperties properties) {
        this.urlGuard = urlGuard;
        this.httpClientFactory = outbound.kubernetesClientFactory();
        this.properties = properties;
    }

    private record Cached(String key, KubernetesClient client) {}

    /**
     * The client for a cluster. The API server URL is checked against the URL guard on every call of
     * this method, so a name re-pointed at a forbidden address since registration is refused.
     */
    public KubernetesClient client(ClusterConnection connection) {
        urlGuard.checkBeforeCall(connection.apiServerUrl());
        String key = connection.apiServerUrl() + "|" + connection.fingerprint();
        // Atomic per cluster: health checks and discovery start together at registration, and two
        // threads that both missed the cache must not build two clients and close the one in use.
        List<KubernetesClient> replaced = new ArrayList<>(1);
        Cached cached = clients.compute(connection.clusterId(), (id, current) -> {
            if (current != null && current.key().equals(key)) {
                return current;
            }
            if (current != null) {
                replaced.add(current.client());
            }
            KubernetesClient client = new KubernetesClientBuilder()
                    .withHttpClientFactory(httpClientFactory)
                    .withConfig(config(connection))
                    .build();
            return new Cached(key, client);
        });
        // The URL or credentials changed: a call still in flight on the old client may fail once.
        replaced.forEach(KubernetesClient::close);
        return cached.client();
    }

    public void evict(UUID clusterId) {
        Cached cached = clients.remove(clusterId);
        if (cached != null) {
            cached.client().close();
        }
    }

    private Config config(ClusterConnection connection) {
        int requestTimeout = (int) properties.discovery().requestTimeout().toMillis();
        int connectTimeout = (int) properties.health().connectTimeout().toMillis();
        ConfigBuilder builder = new ConfigBuilder(Config.empty())
                .withMasterUrl(connection.apiServerUrl())
                .withRequestTimeout(requestTimeout)
                .withConnectionTimeout(connectTimeout)
                .withRequestRetryBackoffLimit(0)
                .withNamespace("default")
                .withDisableHostnameVerification(false);
        if (connection.authType() == AuthType.KUBECONFIG && connection.kubeconfig() != null) {
            Kubeconfigs.Material material = Kubeconfigs.parse(connection.kubeconfig());
            builder.withCaCertData(material.certificateAuthorityData())
                    .withTrustCerts(material.insecureSkipTlsVerify())
                    .withClientCertData(material.clientCertificateData())
                    .withClientKeyData(material.clientKeyData())
                    .withOauthToken(material.token())
                    .withUsername(material.username())
                    .withPassword(material.password());
        } else if (connection.token() != null) {
            builder.withOauthToken(connection.token());
        }
        return builder.build();
    }

    @Override
    public void destroy() {
        clients.values().forEach(c -> c.client().close());
        clients.clear();
    }
}
