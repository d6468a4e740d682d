package dev.aiops.porch.packages;

import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.support.PorchIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

@PorchIntegrationTest
class PackageApiTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    String packageName;

    @BeforeEach
    void twoRevisionsOfOnePackage() {
        // Revisions are written by package generation (a later issue); here they are set up directly.
        packageName = "upf-" + UUID.randomUUID().toString().substring(0, 8);
        insert("packages." + packageName + ".v1", "v1", 1, "PUBLISHED");
        insert("packages." + packageName + ".v2", "v2", 0, "DRAFT");
    }

    @Test
    void shouldShowRevisionWithPorchLifecycleSpellingWhenFetchedByName() {
        client.get()
                .uri("/api/v1/packages/{id}", "packages." + packageName + ".v1")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("packages." + packageName + ".v1")
                .jsonPath("$.package_name")
                .isEqualTo(packageName)
                .jsonPath("$.workspace_name")
                .isEqualTo("v1")
                .jsonPath("$.revision")
                .isEqualTo(1)
                .jsonPath("$.lifecycle")
                .isEqualTo("Published")
                .jsonPath("$.site")
                .isEqualTo("edge1");
    }

    @Test
    void shouldListEveryRevisionInPagesWhenSeveralExist() {
        client.get()
                .uri("/api/v1/packages?page=1&page_size=1")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(1)
                .jsonPath("$.page_size")
                .isEqualTo(1)
                .jsonPath("$.total_pages")
                .value(
                        Integer.class,
                        pages -> org.assertj.core.api.Assertions.assertThat(pages)
                                .isGreaterThanOrEqualTo(2));
    }

    @Test
    void shouldNarrowTheListToOnePackageOrToTheRevisionsOfOneIntent() {
        String intent = UUID.randomUUID().toString();
        String other = "amf-" + UUID.randomUUID().toString().substring(0, 8);
        create(other, intent);
        create(other + "-b", UUID.randomUUID().toString());

        client.get()
                .uri("/api/v1/packages?intent_id={intent}", intent)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].package_name")
                .isEqualTo(other);
        client.get()
                .uri("/api/v1/packages?package_name={name}&repository=packages", packageName)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2)
                .jsonPath("$.items[*].name")
                .isEqualTo(java.util.List.of("packages." + packageName + ".v1", "packages." + packageName + ".v2"));
        client.get()
                .uri("/api/v1/packages?package_name=Not_A_Name")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("package_name");
    }

    @Test
    void shouldRejectPageZeroNamingTheParameter() {
        client.get()
                .uri("/api/v1/packages?page=0")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[0].field")
                .isEqualTo("page");
    }

    @Test
    void shouldReturnPackageNotFoundProblemWhenNameIsUnknown() {
        client.get()
                .uri("/api/v1/packages/packages.nothing.v1")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("PACKAGE_NOT_FOUND");
    }

    private void create(String pkg, String intentId) {
        client.post()
                .uri("/api/v1/packages")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"package_name": "%s", "intent_id": "%s",
                         "cnf": {"function": "AMF", "site": "edge1", "replicas": 1}}
                        """.formatted(pkg, intentId))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private void insert(String id, String workspace, int revision, String lifecycle) {
        jdbc.update(
                "insert into package_revision (id, package_name, repository, workspace_name, revision, lifecycle, site)"
                        + " values (?, ?, 'packages', ?, ?, ?, 'edge1')",
                id,
                packageName,
                workspace,
                revision,
                lifecycle);
    }
}
