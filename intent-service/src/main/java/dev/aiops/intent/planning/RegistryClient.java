package dev.aiops.intent.planning;

import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.web.ServiceClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/** The cluster registry's {@code /api/v1/clusters}, called as this service. */
@Component
class RegistryClient {

    static final String SERVICE = "cluster-registry";
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 50;
    private static final ParameterizedTypeReference<PagedResponse<ClusterView>> PAGE =
            new ParameterizedTypeReference<>() {};

    private final ServiceClients clients;
    private volatile RestClient client;

    RegistryClient(ServiceClients clients) {
        this.clients = clients;
    }

    /** Every registered cluster matching the filters (null = any), all pages. */
    /** @param label {@code key=value}, or null */
    List<ClusterView> clusters(String region, String label) {
        List<ClusterView> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            int current = page;
            PagedResponse<ClusterView> response = client().get()
                    .uri(uri -> query(uri, region, label, current))
                    .retrieve()
                    .body(PAGE);
            if (response == null) {
                break;
            }
            all.addAll(response.items());
            if (current >= response.totalPages()) {
                break;
            }
        }
        return all;
    }

    private static java.net.URI query(UriBuilder uri, String region, String label, int page) {
        uri.path("/api/v1/clusters").queryParam("page", page).queryParam("page_size", PAGE_SIZE);
        if (region != null) {
            uri.queryParam("region", region);
        }
        if (label != null) {
            uri.queryParam("label", label);
        }
        return uri.build();
    }

    private RestClient client() {
        RestClient current = client;
        if (current == null) {
            current = clients.forService(SERVICE, Duration.ofSeconds(2), Duration.ofSeconds(10));
            client = current;
        }
        return current;
    }
}
