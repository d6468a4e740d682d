package dev.aiops.registry.health;

import java.util.ArrayList;
import java.util.List;

/** The four probes of one health check, in the order the contract lists them. */
record CheckResult(
        ProbeResult apiServer, ProbeResult prometheus, ProbeResult tempo, ProbeResult loki, long durationMillis) {

    boolean allPassed() {
        return !apiServer.failed() && !prometheus.failed() && !tempo.failed() && !loki.failed();
    }

    boolean apiServerFailed() {
        return apiServer.failed();
    }

    /** 100, minus 50 / 20 / 15 / 15 for each failing component the cluster has. */
    int score() {
        int score = 100;
        if (apiServer.failed()) {
            score -= 50;
        }
        if (prometheus.failed()) {
            score -= 20;
        }
        if (tempo.failed()) {
            score -= 15;
        }
        if (loki.failed()) {
            score -= 15;
        }
        return Math.max(0, score);
    }

    /** The failures, for {@code last_error} and event reasons; null when everything passed. */
    String errorSummary() {
        List<String> parts = new ArrayList<>();
        add(parts, "api server", apiServer);
        add(parts, "prometheus", prometheus);
        add(parts, "tempo", tempo);
        add(parts, "loki", loki);
        if (parts.isEmpty()) {
            return null;
        }
        String summary = String.join("; ", parts);
        return summary.length() > 1000 ? summary.substring(0, 1000) : summary;
    }

    private static void add(List<String> parts, String name, ProbeResult probe) {
        if (probe.failed()) {
            parts.add(name + ": " + probe.error());
        }
    }
}
