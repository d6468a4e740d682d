package dev.aiops.porch.repositories;

import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.support.PorchIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

@PorchIntegrationTest
class RepositoryApiTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Test
    void shouldListTheEmbeddedGitRepositoryWhenNothingElseIsConfigured() {
        client.get()
                .uri("/api/v1/repositories")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].name")
                .isEqualTo("packages")
                .jsonPath("$.items[0].type")
                .isEqualTo("git")
                .jsonPath("$.items[0].deployment")
                .isEqualTo(true)
                .jsonPath("$.items[0].git.repo")
                .isEqualTo("target/test-packages.git")
                .jsonPath("$.items[0].git.branch")
                .isEqualTo("main")
                .jsonPath("$.items[0].status")
                .isEqualTo("READY");
    }

    @Test
    void shouldReturnProblem401WhenCalledWithoutToken() {
        client.get().uri("/api/v1/repositories").exchange().expectStatus().isUnauthorized();
    }
}
