package dev.aiops.intent.closedloop;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills an intent template's placeholders, {@code {faultFields.alarmCondition}} or {@code {kpm.prb_utilization}},
 * with the values of the input the rule saw: a dotted path into the condition's variables. A placeholder that
 * names nothing stays as written, so the text shows what was missing rather than an empty gap.
 */
final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*)}");
    private static final int MAX_LENGTH = 2000;

    private Templates() {}

    static String render(String template, Map<String, Object> variables) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = lookup(variables, matcher.group(1));
            matcher.appendReplacement(
                    out, Matcher.quoteReplacement(value == null ? matcher.group() : String.valueOf(value)));
        }
        matcher.appendTail(out);
        return out.length() <= MAX_LENGTH ? out.toString() : out.substring(0, MAX_LENGTH);
    }

    static Object lookup(Map<String, Object> variables, String path) {
        Object current = variables;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
