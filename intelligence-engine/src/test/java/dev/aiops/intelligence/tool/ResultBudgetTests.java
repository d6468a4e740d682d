package dev.aiops.intelligence.tool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ResultBudgetTests {

    final JsonMapper json = JsonMapper.builder().build();
    final ResultBudget budget = new ResultBudget(json, 2_000);

    @Test
    void shouldPassSmallResultUnchanged() {
        ObjectNode result = json.createObjectNode().put("state", "ONLINE");

        assertThat(budget.fit(result)).isEqualTo("{\"state\":\"ONLINE\"}");
    }

    @Test
    void shouldCutTheLargestListItemByItemAndSayHowManyWereLeftOut() {
        ObjectNode result = json.createObjectNode().put("total", 500);
        ArrayNode clusters = result.putArray("clusters");
        for (int i = 0; i < 500; i++) {
            clusters.addObject().put("name", "cluster-" + i).put("state", "ONLINE");
        }

        String fitted = budget.fit(result);

        assertThat(fitted.length()).isLessThanOrEqualTo(2_000);
        JsonNode parsed = json.readTree(fitted); // still valid JSON the model can read
        int kept = parsed.path("clusters").size();
        assertThat(kept).isBetween(10, 499);
        assertThat(parsed.path("total").asInt()).isEqualTo(500);
        assertThat(parsed.path("_truncated").asString())
                .isEqualTo("showing " + kept + " of 500 items; " + (500 - kept)
                        + " left out to fit the context, ask with narrower filters for the rest");
        assertThat(parsed.path("clusters").get(0).path("name").asString()).isEqualTo("cluster-0");
    }

    @Test
    void shouldCutATopLevelArrayIntoAnItemsObjectWithTheNote() {
        ArrayNode nodes = json.createArrayNode();
        for (int i = 0; i < 300; i++) {
            nodes.addObject().put("node_name", "gpu-node-" + i).put("gpus", 8);
        }

        JsonNode parsed = json.readTree(budget.fit(nodes));

        assertThat(parsed.path("items").size()).isLessThan(300);
        assertThat(parsed.path("_truncated").asString()).contains("of 300 items");
    }

    @Test
    void shouldCutTextThatHasNoListWithANoteOfTheOriginalSize() {
        ObjectNode result = json.createObjectNode().put("log", "x".repeat(10_000));

        String fitted = budget.fit(result);

        assertThat(fitted).hasSizeLessThanOrEqualTo(2_000).contains("[cut: result was 10010 characters");
    }
}
