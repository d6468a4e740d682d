package dev.aiops.intent.closedloop;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kubernetes label selectors for rule targets: the string syntax kubectl and the API server accept
 * ({@code app=upf,tier in (edge),!canary}: {@code =}, {@code ==}, {@code !=}, {@code in}, {@code notin},
 * existence and {@code !} non-existence, comma meaning AND) parsed into fabric8's {@link LabelSelector}, and
 * matched with the API server's semantics: {@code !=} and {@code notin} also match objects without the label.
 * The set-based {@code >} and {@code <} of the string syntax have no {@code LabelSelector} form and are refused.
 */
final class LabelSelectors {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern PREFIX =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String IN = "In";
    private static final String NOT_IN = "NotIn";
    private static final String EXISTS = "Exists";
    private static final String DOES_NOT_EXIST = "DoesNotExist";

    private LabelSelectors() {}

    /** A selector string that is not valid Kubernetes selector syntax; the message says where and why. */
    static final class InvalidSelector extends IllegalArgumentException {
        InvalidSelector(String message) {
            super(message);
        }
    }

    /**
     * The selector of {@code selector} (may be null) and {@code equalities} (each label must equal), as one
     * {@link LabelSelector}.
     *
     * @throws InvalidSelector when either is not valid
     */
    static LabelSelector parse(String selector, Map<String, String> equalities) {
        Map<String, String> matchLabels = new LinkedHashMap<>();
        equalities.forEach((key, value) -> {
            checkKey(key);
            checkValue(key, value);
            matchLabels.put(key, value);
        });
        List<LabelSelectorRequirement> expressions = selector == null ? List.of() : new Parser(selector).requirements();
        return new LabelSelector(expressions, matchLabels);
    }

    /** Whether an object with {@code labels} is selected, as the Kubernetes API server decides it. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
                if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                String value = labels.get(requirement.getKey());
                boolean ok = switch (requirement.getOperator()) {
                    case IN -> value != null && requirement.getValues().contains(value);
                    case NOT_IN -> value == null || !requirement.getValues().contains(value);
                    case EXISTS -> value != null;
                    case DOES_NOT_EXIST -> value == null;
                    default -> false; // an operator Kubernetes does not define selects nothing
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The selector written back in string syntax, for decisions and cooldown keys. */
    static String format(LabelSelector selector) {
        List<String> parts = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((key, value) -> parts.add(key + "=" + value));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                parts.add(
                        switch (r.getOperator()) {
                            case IN ->
                                r.getValues().size() == 1
                                        ? r.getKey() + "=" + r.getValues().get(0)
                                        : r.getKey() + " in (" + String.join(",", r.getValues()) + ")";
                            case NOT_IN ->
                                r.getValues().size() == 1
                                        ? r.getKey() + "!=" + r.getValues().get(0)
                                        : r.getKey() + " notin (" + String.join(",", r.getValues()) + ")";
                            case EXISTS -> r.getKey();
                            default -> "!" + r.getKey();
                        });
            }
        }
        return String.join(",", parts);
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidSelector("a label key is empty");
        }
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty()
                    || prefix.length() > 253
                    || !PREFIX.matcher(prefix).matches()) {
                throw new InvalidSelector("label key '" + key + "': the prefix must be a DNS subdomain");
            }
        }
        if (name.length() > 63 || !NAME.matcher(name).matches()) {
            throw new InvalidSelector("label key '" + key
                    + "': the name must be 1-63 letters, digits, '-', '_' or '.', starting and ending alphanumeric");
        }
    }

    private static void checkValue(String key, String value) {
        if (value == null) {
            throw new InvalidSelector("label '" + key + "' has no value");
        }
        if (!value.isEmpty() && (value.length() > 63 || !NAME.matcher(value).matches())) {
            throw new InvalidSelector("label '" + key + "': value '" + value
                    + "' must be at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric");
        }
    }

    /** Recursive descent over the tokens of the string syntax, as the API server's labels.Parse reads it. */
    private static final class Parser {

        private final String input;
        private final List<String> tokens = new ArrayList<>();
        private int next;

        Parser(String input) {
            this.input = input;
            tokenize();
        }

        List<LabelSelectorRequirement> requirements() {
            List<LabelSelectorRequirement> requirements = new ArrayList<>();
            if (tokens.isEmpty()) {
                throw new InvalidSelector("the selector is empty");
            }
            while (true) {
                requirements.add(requirement());
                if (atEnd()) {
                    return requirements;
                }
                expect(",");
            }
        }

        private LabelSelectorRequirement requirement() {
            if (peek("!")) {
                next++;
                String key = key();
                return new LabelSelectorRequirement(key, DOES_NOT_EXIST, List.of());
            }
            String key = key();
            if (atEnd() || peek(",")) {
                return new LabelSelectorRequirement(key, EXISTS, List.of());
            }
            String operator = take();
            return switch (operator) {
                case "=", "==" -> new LabelSelectorRequirement(key, IN, List.of(value(key)));
                case "!=" -> new LabelSelectorRequirement(key, NOT_IN, List.of(value(key)));
                case "in" -> new LabelSelectorRequirement(key, IN, values(key, "in"));
                case "notin" -> new LabelSelectorRequirement(key, NOT_IN, values(key, "notin"));
                case ">", "<" ->
                    throw new InvalidSelector("'" + operator + "' (after '" + key
                            + "') has no Kubernetes LabelSelector form; use in, notin, =, != or existence");
                default ->
                    throw new InvalidSelector(
                            "expected =, ==, !=, in or notin after '" + key + "', found '" + operator + "'");
            };
        }

        private String key() {
            if (atEnd()) {
                throw new InvalidSelector("a label key is missing at the end of '" + input + "'");
            }
            String key = take();
            if (isSymbol(key)) {
                throw new InvalidSelector("expected a label key, found '" + key + "'");
            }
            checkKey(key);
            return key;
        }

        /** A value after = or !=; it may be empty ({@code tier=}), as in Kubernetes. */
        private String value(String key) {
            String value = atEnd() || peek(",") ? "" : take();
            if (isSymbol(value)) {
                throw new InvalidSelector("expected a value for '" + key + "', found '" + value + "'");
            }
            checkValue(key, value);
            return value;
        }

        private List<String> values(String key, String operator) {
            expect("(");
            List<String> values = new ArrayList<>();
            while (true) {
                String value = peek(",") || peek(")") ? "" : take();
                if (isSymbol(value)) {
                    throw new InvalidSelector("expected a value in the set of '" + key + "', found '" + value + "'");
                }
                checkValue(key, value);
                values.add(value);
                if (peek(")")) {
                    next++;
                    break;
                }
                expect(",");
            }
            if (values.size() == 1 && values.get(0).isEmpty()) {
                throw new InvalidSelector("'" + key + " " + operator + " ()' needs at least one value");
            }
            return List.copyOf(values);
        }

        private void tokenize() {
            int i = 0;
            while (i < input.length()) {
                char c = input.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '=' || c == '!') {
                    if (i + 1 < input.length() && input.charAt(i + 1) == '=') {
                        tokens.add(c + "=");
                        i += 2;
                    } else {
                        tokens.add(String.valueOf(c));
                        i++;
                    }
                } else if ("(),<>".indexOf(c) >= 0) {
                    tokens.add(String.valueOf(c));
                    i++;
                } else {
                    int start = i;
                    while (i < input.length() && !isDelimiter(input.charAt(i))) {
                        i++;
                    }
                    tokens.add(input.substring(start, i));
                }
            }
        }

        private static boolean isDelimiter(char c) {
            return Character.isWhitespace(c) || "=!(),<>".indexOf(c) >= 0;
        }

        private static boolean isSymbol(String token) {
            return !token.isEmpty() && token.length() <= 2 && "=!(),<>".indexOf(token.charAt(0)) >= 0;
        }

        private boolean atEnd() {
            return next >= tokens.size();
        }

        private boolean peek(String token) {
            return !atEnd() && tokens.get(next).equals(token);
        }

        private String take() {
            return tokens.get(next++);
        }

        private void expect(String token) {
            if (!peek(token)) {
                throw new InvalidSelector("expected '" + token + "' "
                        + (atEnd() ? "at the end of '" + input + "'" : "before '" + tokens.get(next) + "'"));
            }
            next++;
        }
    }
}
