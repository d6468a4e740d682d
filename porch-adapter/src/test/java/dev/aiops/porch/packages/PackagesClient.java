package dev.aiops.porch.packages;

import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.git.GitPackageStore;
import dev.aiops.porch.repositories.PackageStores;
import java.util.Map;
import java.util.SortedMap;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The package API steps the variant and upgrade tests share, as an operator would call them. */
final class PackagesClient {

    private final RestTestClient client;
    private final Tokens tokens;
    private final PackageStores stores;

    PackagesClient(RestTestClient client, Tokens tokens, PackageStores stores) {
        this.client = client;
        this.tokens = tokens;
        this.stores = stores;
    }

    GitPackageStore git() {
        return stores.store("packages");
    }

    RestTestClient.ResponseSpec post(String uri, String body) {
        return client.post()
                .uri(uri)
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    RestTestClient.ResponseSpec action(String name, String action) {
        return client.post()
                .uri("/api/v1/packages/{name}/" + action, name)
                .headers(tokens.as("operator"))
                .exchange();
    }

    /** Creates {@code pkg} in {@code workspace} from a UPF spec on {@code site}, proposes and approves it. */
    void publishUpf(String pkg, String workspace, String site, String extraCnf) {
        post("/api/v1/packages", """
                        {"package_name": "%s", "workspace_name": "%s",
                         "cnf": {"function": "UPF", "site": "%s", "replicas": 2, "namespace": "core"%s}}
                        """.formatted(pkg, workspace, site, extraCnf))
                .expectStatus()
                .isCreated();
        publish("packages." + pkg + "." + workspace);
    }

    void publish(String name) {
        action(name, "propose").expectStatus().isOk();
        action(name, "approve").expectStatus().isOk();
    }

    /** The package's files as published in revision {@code revision}. */
    SortedMap<String, String> published(String pkg, int revision) {
        return git().readPackage(
                        git().resolve(GitPackageStore.tagRef(pkg, revision)).orElseThrow(), pkg);
    }

    SortedMap<String, String> onMain(String pkg) {
        return git().readPackage(git().resolve("refs/heads/main").orElseThrow(), pkg);
    }

    SortedMap<String, String> draft(String pkg, String workspace) {
        return git().readPackage(
                        git().resolve(GitPackageStore.draftRef(pkg, workspace)).orElseThrow(), pkg);
    }

    void replaceResources(String name, Map<String, String> files) {
        client.put()
                .uri("/api/v1/packages/{name}/resources", name)
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("resources", files))
                .exchange()
                .expectStatus()
                .isOk();
    }
}
