package dev.aiops.porch.git;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a commit message carries besides its subject: git trailers naming the package, workspace and
 * revision (what the start-up reconciliation reads back) and the intent and correlation ids (what an
 * operator follows from git to the intent that caused the change).
 */
public record CommitInfo(String subject, String intentId, String correlationId) {

    public static final String PACKAGE = "Porch-Package";
    public static final String WORKSPACE = "Porch-Workspace";
    public static final String REVISION = "Porch-Revision";
    public static final String INTENT = "Intent-Id";
    public static final String CORRELATION = "Correlation-Id";

    String message(String pkg, String workspace, Integer revision) {
        StringBuilder message = new StringBuilder(subject.replace('\n', ' ')).append("\n\n");
        message.append(PACKAGE).append(": ").append(pkg).append('\n');
        if (workspace != null) {
            message.append(WORKSPACE).append(": ").append(workspace).append('\n');
        }
        if (revision != null) {
            message.append(REVISION).append(": ").append(revision).append('\n');
        }
        if (intentId != null) {
            message.append(INTENT).append(": ").append(oneLine(intentId)).append('\n');
        }
        if (correlationId != null) {
            message.append(CORRELATION)
                    .append(": ")
                    .append(oneLine(correlationId))
                    .append('\n');
        }
        return message.toString();
    }

    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n]", " ");
    }

    static Map<String, String> parseTrailers(String message) {
        Map<String, String> trailers = new LinkedHashMap<>();
        for (String line : message.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0 && line.substring(0, colon).matches("[A-Za-z-]+")) {
                trailers.put(line.substring(0, colon), line.substring(colon + 2).trim());
            }
        }
        return trailers;
    }
}
