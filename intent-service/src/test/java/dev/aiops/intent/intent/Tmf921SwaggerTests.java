package dev.aiops.intent.intent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The validator the TMF921 tests rely on does reject what the official Swagger forbids. */
class Tmf921SwaggerTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldRejectAnIntentWhoseTypeOrExpressionValueBreaksTheSwagger() {
        assertThat(Tmf921Swagger.violations(
                        "Intent", json.readTree("{\"@type\": \"Wish\", \"expression\": {\"expressionValue\": {}}}")))
                .hasSize(2);
    }

    @Test
    void shouldRejectAnIntentCreateWithoutItsRequiredNameAndExpression() {
        assertThat(Tmf921Swagger.violations("Intent_Create", json.readTree("{\"@type\": \"Intent\"}")))
                .hasSize(2);
    }

    @Test
    void shouldAcceptTheSwaggersOwnIntentExampleShape() {
        assertThat(Tmf921Swagger.violations(
                        "Intent",
                        json.readTree("{\"id\": \"1\", \"href\": \"http://example.com/i/1\", \"@type\": \"Intent\","
                                + " \"creationDate\": \"2000-01-23T04:56:07.000+00:00\","
                                + " \"expression\": {\"expressionValue\": \"x\"}}")))
                .isEmpty();
    }
}
