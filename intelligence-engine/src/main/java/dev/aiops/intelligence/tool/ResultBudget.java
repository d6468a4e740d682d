package dev.aiops.intelligence.tool;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cuts a tool result to what fits in the model's context. Lists are shortened item by item (the largest
 * list in the result first) so what remains is still valid JSON the model can read, and a
 * {@code _truncated} note says how many items were left out; anything else is cut as text with a note.
 */
final class ResultBudget {

    private final JsonMapper json;
    private final int maxChars;

    ResultBudget(JsonMapper json, int maxChars) {
        this.json = json;
        this.maxChars = maxChars;
    }

    String fit(JsonNode result) {
        String text = json.writeValueAsString(result);
        if (text.length() <= maxChars) {
            return text;
        }
        JsonNode copy = result.deepCopy();
        ArrayNode largest = largestArray(copy);
        if (largest != null && largest.size() > 1) {
            int total = largest.size();
            // binary search for the most items that still fit beside the note
            int low = 0;
            int high = total;
            while (low < high) {
                int mid = (low + high + 1) / 2;
                if (render(copy, largest, total, mid).length() <= maxChars) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            String fitted = render(copy, largest, total, low);
            if (fitted.length() <= maxChars) {
                return fitted;
            }
        }
        String note = " …[cut: result was " + text.length() + " characters, only the first " + (maxChars - 80)
                + " are shown]";
        return text.substring(0, Math.max(0, maxChars - 80)) + note;
    }

    private String render(JsonNode root, ArrayNode array, int total, int keep) {
        ArrayNode original = array.deepCopy();
        while (array.size() > keep) {
            array.remove(array.size() - 1);
        }
        String summary = "showing " + keep + " of " + total + " items; " + (total - keep)
                + " left out to fit the context, ask with narrower filters for the rest";
        String text;
        if (root.isObject()) {
            ((ObjectNode) root).put("_truncated", summary);
            text = json.writeValueAsString(root);
            ((ObjectNode) root).remove("_truncated");
        } else {
            ObjectNode wrapper = json.createObjectNode();
            wrapper.set("items", root);
            wrapper.put("_truncated", summary);
            text = json.writeValueAsString(wrapper);
        }
        array.removeAll();
        array.addAll(original);
        return text;
    }

    private static ArrayNode largestArray(JsonNode node) {
        ArrayNode best = node.isArray() ? (ArrayNode) node : null;
        if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                ArrayNode candidate = largestArray(child);
                if (candidate != null && (best == null || size(candidate) > size(best))) {
                    best = candidate;
                }
            }
        }
        return best;
    }

    private static int size(ArrayNode array) {
        return array.toString().length();
    }
}
