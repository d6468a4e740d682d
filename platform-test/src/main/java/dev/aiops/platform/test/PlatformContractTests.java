package dev.aiops.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service promises, inherited by one test class per service: probes and API docs open, the
 * API closed to anonymous callers with problem+json, unknown paths under its prefix a problem+json 404,
 * and (for services with a database) its own Flyway-migrated schema holding the platform tables.
 *
 * <pre>{@code
 * @IntentIntegrationTest
 * class PlatformEndpointsTests extends PlatformContractTests {
 *     PlatformEndpointsTests() {
 *         super(Contract.of("/api/v1/intents", "/api/v1/cnfs").withSchema("intents", "intent"));
 *     }
 * }
 * }</pre>
 */
public abstract class PlatformContractTests {

    @Autowired
    protected RestTestClient client;

    @Autowired
    protected Tokens tokens;

    @Autowired
    protected ApplicationContext context;

    private final Contract contract;

    protected PlatformContractTests(Contract contract) {
        this.contract = contract;
    }

    /**
     * @param apiPath a GET endpoint of the service that needs a token and appears in its OpenAPI document
     * @param unbuiltPath a path under the service's route prefix that has no endpoint
     * @param schema the service's own schema, or null when it has no database
     * @param tables tables its migrations create in that schema
     */
    public record Contract(String apiPath, String unbuiltPath, String schema, List<String> tables) {

        public static Contract of(String apiPath, String unbuiltPath) {
            return new Contract(apiPath, unbuiltPath, null, List.of());
        }

        public Contract withSchema(String schema, String... tables) {
            return new Contract(apiPath, unbuiltPath, schema, List.of(tables));
        }
    }

    @Test
    void shouldReportReadinessUpWithoutToken() {
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void shouldDocumentItsApiInOpenApiWithoutToken() {
        client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['" + contract.apiPath() + "'].get")
                .exists()
                .jsonPath("$.components.securitySchemes.bearer.scheme")
                .isEqualTo("bearer");
    }

    @Test
    void shouldServeSwaggerUiWithoutToken() {
        client.get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .value(HttpHeaders.LOCATION, location -> assertThat(location).endsWith("/swagger-ui/index.html"));
        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void shouldAnswerProblem401WhenApiIsCalledWithoutToken() {
        client.get()
                .uri(contract.apiPath())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED");
    }

    @Test
    void shouldAnswerProblem404WhenPathUnderItsPrefixHasNoEndpoint() {
        client.get()
                .uri(contract.unbuiltPath())
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND")
                .jsonPath("$.trace_id")
                .exists();
    }

    @Test
    void shouldRequireTheSameRoleAsTheGatewayForEveryEndpoint() {
        assertThat(GatewayAccessCheck.disagreements(context))
                .as("endpoints whose @PreAuthorize differs from GatewayAccessRules (change one of them)")
                .isEmpty();
    }

    @Test
    void shouldServeEveryParameterlessGetPathItsOpenApiDocuments() {
        JsonNode paths = JsonMapper.builder()
                .build()
                .readTree(client.get()
                        .uri("/v3/api-docs")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .path("paths");
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            if (path.getKey().contains("{") || !path.getValue().has("get")) {
                continue;
            }
            int status = client.get()
                    .uri(path.getKey())
                    .headers(tokens.as("admin"))
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value();
            if (status == 404) {
                missing.add(path.getKey());
            }
        }
        assertThat(missing).as("documented GET paths that answer 404").isEmpty();
    }

    @Test
    void shouldOwnAMigratedSchemaWithThePlatformTablesWhenItHasADatabase() throws Exception {
        DataSource dataSource = context.getBeanProvider(DataSource.class).getIfAvailable();
        if (contract.schema() == null) {
            assertThat(dataSource)
                    .as("a service without a schema has no database")
                    .isNull();
            return;
        }
        assertThat(dataSource).isNotNull();
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet rows =
                        connection.getMetaData().getTables(null, contract.schema(), "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        assertThat(tables)
                .containsAll(contract.tables())
                .contains("outbox_event", "processed_event", "flyway_schema_history");
    }
}
