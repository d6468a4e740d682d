package dev.aiops.intent.closedloop;

import static dev.aiops.intent.closedloop.ClosedLoopFixtures.rule;
import static dev.aiops.intent.closedloop.ClosedLoopFixtures.upfScaleOut;
import static dev.aiops.intent.closedloop.ClosedLoopFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.platform.test.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

@IntentIntegrationTest
class RuleApiTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RuleCatalog catalog;

    @Nested
    class Saving {

        @Test
        void shouldStoreVersionOneAndItsHistoryWhenAdminCreatesAValidRule() {
            String id = create(upfScaleOut("upf-create", "edge1"))
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.version")
                    .isEqualTo(1)
                    .jsonPath("$.rule.source")
                    .isEqualTo("kpm")
                    .jsonPath("$.rule.action")
                    .isEqualTo("scale_out")
                    .jsonPath("$.rule.target.function")
                    .isEqualTo("UPF")
                    .jsonPath("$.rule.consecutive_windows")
                    .isEqualTo(3)
                    .jsonPath("$.rule.enabled")
                    .isEqualTo(true)
                    .jsonPath("$.updated_by")
                    .isEqualTo("test-admin")
                    .returnResult()
                    .getResponseHeaders()
                    .getLocation()
                    .getPath()
                    .replace("/api/v1/rules/", "");

            client.get()
                    .uri("/api/v1/rules/{id}/history", id)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.length()")
                    .isEqualTo(1)
                    .jsonPath("$[0].change")
                    .isEqualTo("created")
                    .jsonPath("$[0].rule.condition")
                    .isEqualTo("kpm.prb_utilization > 0.85");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "syntax error                 | kpm | kpm.prb_utilization >",
                    "undeclared variable          | kpm | report.prb_utilization > 0.85",
                    "fcaps variable in kpm rule   | kpm | faultFields.alarmCondition == 'LINK_DOWN'",
                    "kpm variable in fcaps rule   | fcaps | kpm.prb_utilization > 0.85",
                    "not a boolean                | fcaps | 'LINK_DOWN'"
                })
        void shouldAnswer400NamingConditionAndWriteNothingWhenCelDoesNotCompileOrTypeCheck(
                String name, String source, String condition) {
            long before = rules();

            create(rule("bad-" + name.replace(' ', '-'), source, condition, "heal"))
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("VALIDATION_FAILED")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("condition");

            assertThat(rules()).isEqualTo(before);
        }

        @ParameterizedTest(name = "min {0}, max {1}")
        @CsvSource({"4, 4", "5, 3"})
        void shouldAnswer400NamingMaxReplicasWhenMinIsNotBelowMax(int min, int max) {
            long before = rules();

            create(with(
                            upfScaleOut("upf-bounds-" + min + "-" + max, "edge1"),
                            "min_replicas",
                            min,
                            "max_replicas",
                            max))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[?(@.field == 'max_replicas')]")
                    .exists();

            assertThat(rules()).isEqualTo(before);
        }

        @Test
        void shouldAnswer400WhenAKpmRuleCoolsDownForLessThanFiveMinutes() {
            create(with(upfScaleOut("upf-short-cooldown", "edge1"), "cooldown", "PT1M"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("cooldown");
        }

        @Test
        void shouldAnswer409NamingNameWhenALiveRuleHasTheName() {
            create(upfScaleOut("upf-twice", "edge1")).expectStatus().isCreated();

            create(upfScaleOut("upf-twice", "edge2"))
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("name");
        }

        @Test
        void shouldRefuseWritesFromOperatorsWhileViewersMayRead() {
            client.post()
                    .uri("/api/v1/rules")
                    .headers(tokens.as("operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(upfScaleOut("upf-operator", "edge1"))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            client.get()
                    .uri("/api/v1/rules")
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Nested
    class Versions {

        @Test
        void shouldKeepEveryVersionWhenARuleIsEditedAndThenDeleted() {
            String id = id(create(upfScaleOut("upf-versions", "edge1")));

            client.put()
                    .uri("/api/v1/rules/{id}", id)
                    .headers(tokens.as("admin"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(with(upfScaleOut("upf-versions", "edge1"), "condition", "kpm.prb_utilization > 0.95"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.version")
                    .isEqualTo(2)
                    .jsonPath("$.rule.condition")
                    .isEqualTo("kpm.prb_utilization > 0.95");
            client.delete()
                    .uri("/api/v1/rules/{id}", id)
                    .headers(tokens.as("admin"))
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            client.get()
                    .uri("/api/v1/rules/{id}", id)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("RULE_NOT_FOUND");
            client.get()
                    .uri("/api/v1/rules/{id}/history", id)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$[*].change")
                    .isEqualTo(java.util.List.of("created", "updated", "deleted"))
                    .jsonPath("$[0].rule.condition")
                    .isEqualTo("kpm.prb_utilization > 0.85")
                    .jsonPath("$[1].rule.condition")
                    .isEqualTo("kpm.prb_utilization > 0.95");
        }

        @Test
        void shouldEvaluateEverySavedVersionOnThisReplicaAsSoonAsTheSaveAnswers() {
            // each save merges only the rows changed since the catalog's revision (no reload of every rule)
            String id = id(create(upfScaleOut("upf-catalog", "edge1")));
            assertThat(active(id)).hasValueSatisfying(rule -> {
                assertThat(rule.version()).isEqualTo(1);
                assertThat(rule.condition().text()).isEqualTo("kpm.prb_utilization > 0.85");
            });

            put(id, with(upfScaleOut("upf-catalog", "edge1"), "enabled", false));
            assertThat(active(id)).isEmpty();

            put(id, with(upfScaleOut("upf-catalog", "edge1"), "condition", "kpm.prb_utilization > 0.95"));
            assertThat(active(id)).hasValueSatisfying(rule -> {
                assertThat(rule.version()).isEqualTo(3);
                assertThat(rule.condition().text()).isEqualTo("kpm.prb_utilization > 0.95");
            });

            client.delete()
                    .uri("/api/v1/rules/{id}", id)
                    .headers(tokens.as("admin"))
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            assertThat(active(id)).isEmpty();
        }

        private void put(String id, Map<String, Object> body) {
            client.put()
                    .uri("/api/v1/rules/{id}", id)
                    .headers(tokens.as("admin"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        private java.util.Optional<RuleCatalog.ActiveRule> active(String id) {
            return catalog.rules(dev.aiops.model.cnf.RuleSource.KPM).stream()
                    .filter(rule -> rule.id().toString().equals(id))
                    .findFirst();
        }

        @Test
        void shouldAnswer400NamingConditionWhenAnEditBreaksTheCondition() {
            String id = id(create(upfScaleOut("upf-bad-edit", "edge1")));

            client.put()
                    .uri("/api/v1/rules/{id}", id)
                    .headers(tokens.as("admin"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(with(upfScaleOut("upf-bad-edit", "edge1"), "condition", "kpm.prb_utilization > threshold"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("condition");

            assertThat(jdbc.queryForObject("select version from rule where id = ?::uuid", Integer.class, id))
                    .isEqualTo(1);
        }
    }

    private RestTestClient.ResponseSpec create(Map<String, Object> body) {
        return client.post()
                .uri("/api/v1/rules")
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    private static String id(RestTestClient.ResponseSpec created) {
        return created.expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseHeaders()
                .getLocation()
                .getPath()
                .replace("/api/v1/rules/", "");
    }

    private long rules() {
        return jdbc.queryForObject("select count(*) from rule", Long.class);
    }
}
