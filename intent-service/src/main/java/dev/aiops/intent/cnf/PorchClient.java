package dev.aiops.intent.cnf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

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

    /**
     * A new Draft revision of the CNF's package for a change, cloned from the revision running now; its
     * files are then replaced ({@link #replaceResources}) so the Kptfile keeps no upstream pointing at itself.
     */
    PackageRevisionSummary createChange(CnfEntity cnf) {
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("package_name", cnf.getPackageName());
        from.put("revision", cnf.getPackageRevision());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("package_name", cnf.getPackageName());
        body.put("workspace_name", changeWorkspace(cnf));
        body.put("clone_from", from);
        body.put("intent_id", correlation(cnf));
        body.put("correlation_id", correlation(cnf));
        return client().post()
                .uri("/api/v1/packages")
                .contentType(MediaType.APPLICATION_JSON)
                .header(CORRELATION_HEADER, correlation(cnf))
                .body(body)
                .retrieve()
                .body(PackageRevisionSummary.class);
    }

    /** A revision's files and the resource version an edit must send back. */
    Resources resources(String revisionName) {
        return client().get()
                .uri("/api/v1/packages/{name}/resources", revisionName)
                .retrieve()
                .body(Resources.class);
    }

    void replaceResources(String revisionName, Map<String, String> files, long resourceVersion) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resources", files);
        body.put("resource_version", resourceVersion);
        client().put()
                .uri("/api/v1/packages/{name}/resources", revisionName)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toBodilessEntity();
    }

    PackageRevisionSummary get(String revisionName) {
        return client().get()
                .uri("/api/v1/packages/{name}", revisionName)
                .retrieve()
                .body(PackageRevisionSummary.class);
    }

    @JsonNaming(SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Resources(String name, long resourceVersion, Map<String, String> resources) {}

    /** The revision an earlier attempt created, found by package and workspace name. */
    Optional<PackageRevisionSummary> find(CnfEntity cnf) {
        return find(cnf, workspace(cnf));
    }

    /** Every revision of the CNF's package (all pages). */
    java.util.List<PackageRevisionSummary> revisions(CnfEntity cnf) {
        java.util.List<PackageRevisionSummary> all = new java.util.ArrayList<>();
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
                break;
            }
            response.items().stream()
                    .filter(revision -> cnf.getPackageName().equals(revision.packageName()))
                    .forEach(all::add);
            if (current >= response.totalPages()) {
                break;
            }
        }
        return all;
    }

    Optional<PackageRevisionSummary> find(CnfEntity cnf, String workspace) {
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
                            && workspace.equals(revision.workspaceName()))
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

    /** One workspace per change, numbered: a retried creation meets the first one. */
    static String changeWorkspace(CnfEntity cnf) {
        return "change-" + cnf.getChangeSeq();
    }

    private static String correlation(CnfEntity cnf) {
        return (cnf.getChangeIntentId() != null ? cnf.getChangeIntentId() : cnf.getIntentId()).toString();
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
