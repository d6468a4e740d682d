package dev.aiops.collector.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.aiops.collector.config.CollectorProperties;
import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.web.ServiceClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** Reads clusters and their connection details from cluster-registry, as the service identity. */
@Component
class RegistryClient {

    private static final int PAGE_SIZE = 100;

    private final RestClient registry;

    RegistryClient(ServiceClients clients, CollectorProperties properties) {
        CollectorProperties.Registry settings = properties.registry();
        this.registry = clients.forService("cluster-registry", settings.connectTimeout(), settings.readTimeout());
    }

    /** Every registered cluster, all pages. */
    List<ClusterView> clusters() {
        List<ClusterView> all = new ArrayList<>();
        int page = 1;
        while (true) {
            int current = page;
            PagedResponse<ClusterView> response = registry.get()
                    .uri(b -> b.path("/api/v1/clusters")
                            .queryParam("page", current)
                            .queryParam("page_size", PAGE_SIZE)
                            .build())
                    .retrieve()
                    .body(new ParameterizedTypeReference<PagedResponse<ClusterView>>() {});
            if (response == null) {
                return all;
            }
            all.addAll(response.items());
            if (page >= response.totalPages()) {
                return all;
            }
            page++;
        }
    }

    /** The id of the cluster with exactly this name (the registry's name filter matches substrings). */
    Optional<UUID> idByName(String name) {
        PagedResponse<ClusterView> response = registry.get()
                .uri(b -> b.path("/api/v1/clusters")
                        .queryParam("name", name)
                        .queryParam("page_size", PAGE_SIZE)
                        .build())
                .retrieve()
                .body(new ParameterizedTypeReference<PagedResponse<ClusterView>>() {});
        if (response == null) {
            return Optional.empty();
        }
        return response.items().stream()
                .filter(c -> name.equals(c.name()))
                .map(ClusterView::id)
                .findFirst();
    }

    /** The cluster's connection, or empty when the registry no longer knows it. */
    Optional<ClusterConnection> connection(UUID clusterId) {
        try {
            Connection c = registry.get()
                    .uri("/internal/v1/clusters/{id}/connection", clusterId)
                    .retrieve()
                    .body(Connection.class);
            return Optional.ofNullable(c)
                    .map(v -> new ClusterConnection(
                            v.clusterId(),
                            v.clusterName(),
                            v.prometheusUrl(),
                            v.prometheusToken(),
                            v.alertmanagerUrl(),
                            v.apiServerUrl(),
                            v.authType(),
                            v.token(),
                            v.kubeconfig()));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The members of the registry's connection view the collector uses; secrets never logged. */
    @JsonNaming(SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Connection(
            UUID clusterId,
            String clusterName,
            String prometheusUrl,
            String prometheusToken,
            String alertmanagerUrl,
            String apiServerUrl,
            String authType,
            String token,
            String kubeconfig) {

        @Override
        public String toString() {
            return "Connection[clusterId=" + clusterId + ", secrets=<redacted>]";
        }
    }
}
