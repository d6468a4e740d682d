package dev.aiops.intent.cnf;

import dev.aiops.model.packages.PackageRevisionSummary;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.web.ServiceClients;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * porch-adapter's packages API as CONTRACTS.md defines it: {@code POST /api/v1/packages {package_name,
 * workspace_name, cnf: {function, site, replicas, namespace, resources}}} → PackageRevisionSummary, and the
 * lifecycle actions {@code /api/v1/packages/{name}/{propose,approve,reject,propose-delete}}.
 */
@Component
class PorchClient {

    static final String SERVICE = "porch-adapter";
    static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final ParameterizedTypeReference<PagedResponse<PackageRevisionSummary>> PAGE =
            new ParameterizedTypeReference<>() {};

    private final ServiceClients clients;
    private volatile RestClient client;

    PorchClient(ServiceClients clients) {
        this.clients = clients;
    }

    PackageRevisionSummary create(CnfEntity cnf) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("function", cnf.getFunction());
        spec.put("site", cnf.getSite());
        spec.put("replicas", cnf.getReplicas());
        spec.put("namespace", cnf.getNamespace());
        spec.put("resources", cnf.getResources());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("package_name", cnf.getPackageName());
        body.put("workspace_name", workspace(cnf));
        body.put("cnf", spec);
        body.put("intent_id", cnf.getIntentId().toString());
        body.put("correlation_id", cnf.getIntentId().toString());
        return client().post()
                .uri("/api/v1/packages")
                .contentType(MediaType.APPLICATION_JSON)
                .header(CORRELATION_HEADER, cnf.getIntentId().toString())
                .body(body)
                .retrieve()
                .body(PackageRevisionSummary.class);
    }

    /** The revision an earlier attempt created, found by package and workspace name. */
    Optional<PackageRevisionSummary> find(CnfEntity cnf) {
        for (int page = 1; page <= 20; page++) {
            int current = page;
            PagedResponse<PackageRevisionSummary> response = client().get()
                    .uri(uri -> uri.path("/api/v1/packages")
                            .queryParam("page", current)
                            .queryParam("page_size", 100)
                            .build())
                    .retrieve()
                    .body(PAGE);
            if (response == null) {
                return Optional.empty();
            }
            Optional<PackageRevisionSummary> found = response.items().stream()
                    .filter(revision -> cnf.getPackageName().equals(revision.packageName())
                            && workspace(cnf).equals(revision.workspaceName()))
                    .findFirst();
            if (found.isPresent() || current >= response.totalPages()) {
                return found;
            }
        }
        return Optional.empty();
    }

    PackageRevisionSummary action(String revisionName, String action, String correlationId) {
        return client().post()
                .uri("/api/v1/packages/{name}/{action}", revisionName, action)
                .header(CORRELATION_HEADER, correlationId)
                .retrieve()
                .body(PackageRevisionSummary.class);
    }

    /** One workspace per intent, so a retried creation meets the first one instead of making another. */
    static String workspace(CnfEntity cnf) {
        return "intent-" + cnf.getIntentId().toString().substring(0, 8);
    }

    private RestClient client() {
        RestClient current = client;
        if (current == null) {
            current = clients.forService(SERVICE, Duration.ofSeconds(2), Duration.ofSeconds(30));
            client = current;
        }
        return current;
    }
}
