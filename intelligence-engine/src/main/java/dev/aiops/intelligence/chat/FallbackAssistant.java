package dev.aiops.intelligence.chat;

import dev.aiops.intelligence.tool.Caller;
import dev.aiops.intelligence.tool.ToolOutcome;
import dev.aiops.intelligence.tool.Tools;
import dev.aiops.model.intelligence.ToolCall;
import dev.aiops.model.intelligence.ToolResultStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers without a language model: maps the questions operators ask most to one tool call, runs it as the
 * user and writes the answer from the real result, always saying that it is the fallback. Anything it
 * cannot map gets the list of questions it does understand.
 */
class FallbackAssistant {

    static final String MODEL = "fallback";
    static final String PREFIX = "[Fallback assistant: no language model is available, so I answer only a fixed set"
            + " of questions, from live data.]\n\n";

    private static final Pattern CLUSTER_NAME =
            Pattern.compile("\\b(?:on|in|for|of|at|cluster)\\s+([a-z0-9][a-z0-9-]{0,61}[a-z0-9])\\b");
    private static final Set<String> NOT_NAMES = Set.of(
            "the",
            "all",
            "my",
            "our",
            "each",
            "every",
            "fleet",
            "today",
            "now",
            "this",
            "it",
            "them",
            "any",
            "clusters",
            "cluster",
            "usage",
            "use");

    private final Tools tools;
    private final JsonMapper json;
    private final Clock clock;

    FallbackAssistant(Tools tools, JsonMapper json, Clock clock) {
        this.tools = tools;
        this.json = json;
        this.clock = clock;
    }

    Answer answer(Caller caller, String question, TurnListener listener) {
        String q = question.toLowerCase(Locale.ROOT);
        String cluster = clusterNamed(q);
        Map<String, Object> args = new LinkedHashMap<>();
        String tool;
        if (q.contains("alert")) {
            tool = "list_alerts";
            for (String severity : List.of("critical", "warning", "info")) {
                if (q.contains(severity)) {
                    args.put("severity", severity.toUpperCase(Locale.ROOT));
                }
            }
            args.put("state", q.contains("resolved") ? "RESOLVED" : "FIRING");
            putIfPresent(args, "cluster", cluster);
        } else if (q.contains("gpu")) {
            tool = cluster == null ? "get_gpu_summary" : "get_gpu_nodes";
            putIfPresent(args, "cluster", cluster);
        } else if (q.contains("intent")) {
            tool = "list_intents";
            for (String status : List.of("failed", "completed", "degraded", "cancelled", "acknowledged")) {
                if (q.contains(status) || (status.equals("failed") && q.contains("fail"))) {
                    args.put("status", status);
                    break;
                }
            }
            if (q.contains("today")) {
                args.put(
                        "since",
                        LocalDate.now(clock.withZone(ZoneOffset.UTC))
                                .atStartOfDay()
                                .toInstant(ZoneOffset.UTC)
                                .toString());
            }
        } else if (cluster != null && (q.contains("status") || q.contains("health") || q.contains("how is"))) {
            tool = "get_cluster_status";
            args.put("cluster", cluster);
        } else if (q.contains("cluster")) {
            tool = "list_clusters";
            for (String state : List.of("offline", "online", "degraded", "unknown")) {
                if (q.contains(state)
                        || (state.equals("offline") && (q.contains(" down") || q.contains("unreachable")))) {
                    args.put("state", state.toUpperCase(Locale.ROOT));
                    break;
                }
            }
        } else {
            return new Answer(PREFIX + help(), List.of(), List.of(), MODEL, null);
        }

        ToolCall call = new ToolCall("fallback-" + UUID.randomUUID(), tool, args);
        listener.toolUse(call);
        ToolOutcome outcome =
                tools.execute(caller, List.of(call), tools.names()).get(0);
        listener.toolResult(outcome.result());
        String text = outcome.result().status() == ToolResultStatus.SUCCESS
                ? describe(tool, args, json.valueToTree(outcome.result().result()))
                : "I could not get that: " + outcome.result().error() + ".";
        return new Answer(PREFIX + text, List.of(call), List.of(outcome.result()), MODEL, null);
    }

    private static String clusterNamed(String question) {
        Matcher m = CLUSTER_NAME.matcher(question);
        int from = 0;
        // restart at each candidate so "of cluster edge-1" finds "cluster edge-1" after rejecting "of cluster"
        while (m.find(from)) {
            if (!NOT_NAMES.contains(m.group(1))) {
                return m.group(1);
            }
            from = m.start(1);
        }
        return null;
    }

    private static void putIfPresent(Map<String, Object> args, String key, String value) {
        if (value != null) {
            args.put(key, value);
        }
    }

    private String describe(String tool, Map<String, Object> args, JsonNode result) {
        StringBuilder out = new StringBuilder();
        switch (tool) {
            case "list_clusters" -> {
                JsonNode clusters = result.path("clusters");
                String state = args.containsKey("state") ? " " + args.get("state") : "";
                if (clusters.isEmpty()) {
                    return "No" + state + " clusters found.";
                }
                out.append(result.path("total").asInt(clusters.size()))
                        .append(state.isEmpty() ? " cluster(s):" : " cluster(s) are" + state + ":");
                for (JsonNode c : clusters) {
                    out.append("\n- ")
                            .append(c.path("name").asString())
                            .append(" (")
                            .append(c.path("cluster_type").asString())
                            .append(", ")
                            .append(c.path("state").asString())
                            .append(", health ")
                            .append(c.path("health_score").asString("?"))
                            .append(')');
                    if (!c.path("last_error").isNull()
                            && !c.path("last_error").asString("").isEmpty()) {
                        out.append(": ").append(c.path("last_error").asString());
                    }
                }
            }
            case "get_cluster_status" ->
                out.append("Cluster ")
                        .append(args.get("cluster"))
                        .append(" is ")
                        .append(result.path("state").asString("?"))
                        .append(" with health score ")
                        .append(result.path("health_score").asString("?"))
                        .append(", connectivity ")
                        .append(result.path("connectivity").asString("?"))
                        .append(
                                result.path("last_error").asString("").isEmpty()
                                        ? "."
                                        : ". Last error: "
                                                + result.path("last_error").asString());
            case "list_alerts" -> {
                JsonNode alerts = result.path("items");
                String what = (args.containsKey("severity")
                                ? args.get("severity").toString().toLowerCase(Locale.ROOT) + " "
                                : "")
                        + (args.get("state").equals("FIRING") ? "firing " : "resolved ") + "alert(s)"
                        + (args.containsKey("cluster") ? " on " + args.get("cluster") : "");
                if (alerts.isEmpty()) {
                    return "No " + what + ".";
                }
                out.append(result.path("total").asInt(alerts.size()))
                        .append(' ')
                        .append(what)
                        .append(':');
                for (JsonNode a : alerts) {
                    out.append("\n- ")
                            .append(a.path("alertname").asString())
                            .append(" [")
                            .append(a.path("severity").asString())
                            .append("] on ")
                            .append(a.path("cluster_name")
                                    .asString(a.path("cluster_id").asString()));
                    String summary = a.path("annotations").path("summary").asString("");
                    if (!summary.isEmpty()) {
                        out.append(": ").append(summary);
                    }
                    out.append(" (since ")
                            .append(a.path("starts_at").asString())
                            .append(')');
                }
            }
            case "get_gpu_summary" ->
                out.append("GPUs across the fleet: ")
                        .append(result.path("gpu_count").asString("0"))
                        .append(" GPU(s) on ")
                        .append(result.path("node_count").asString("0"))
                        .append(" node(s) in ")
                        .append(result.path("cluster_count").asString("0"))
                        .append(" cluster(s); average utilisation ")
                        .append(percent(result.path("avg_utilization_percent")))
                        .append(", memory used ")
                        .append(result.path("memory_used_mb").asString("?"))
                        .append(" of ")
                        .append(result.path("memory_total_mb").asString("?"))
                        .append(" MB.");
            case "get_gpu_nodes" -> {
                JsonNode nodes = result.isArray() ? result : result.path("items");
                if (nodes.isEmpty()) {
                    return "No GPU nodes on " + args.get("cluster") + ".";
                }
                out.append("GPU usage on ").append(args.get("cluster")).append(':');
                for (JsonNode node : nodes) {
                    for (JsonNode gpu : node.path("gpus")) {
                        out.append("\n- ")
                                .append(node.path("node_name").asString())
                                .append(" GPU ")
                                .append(gpu.path("index").asString())
                                .append(" (")
                                .append(gpu.path("name").asString())
                                .append("): utilisation ")
                                .append(percent(gpu.path("utilization_gpu_percent")))
                                .append(", memory ")
                                .append(gpu.path("memory_used_mb").asString("?"))
                                .append('/')
                                .append(gpu.path("memory_total_mb").asString("?"))
                                .append(" MB");
                    }
                }
            }
            case "list_intents" -> {
                JsonNode intents = result.path("intents");
                String what = (args.containsKey("status") ? args.get("status") + " " : "") + "intent(s)"
                        + (args.containsKey("since") ? " since " + args.get("since") : "");
                if (intents.isEmpty()) {
                    return "No " + what + ".";
                }
                out.append(intents.size()).append(' ').append(what).append(':');
                for (JsonNode i : intents) {
                    out.append("\n- ")
                            .append(i.path("text").asString(i.path("id").asString()))
                            .append(" (")
                            .append(i.path("status").asString())
                            .append(')');
                    String reason = i.path("status_reason").asString("");
                    if (!reason.isEmpty()) {
                        out.append(": ").append(reason);
                    }
                }
            }
            default -> out.append(json.writeValueAsString(result));
        }
        return out.toString();
    }

    private static String percent(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.0f%%", value.asDouble()) : "unknown";
    }

    private static String help() {
        return "I can answer questions such as:\n"
                + "- which clusters are offline\n"
                + "- status of cluster edge-1\n"
                + "- show critical alerts on edge-1\n"
                + "- GPU usage on hub\n"
                + "- what intents failed today";
    }
}
