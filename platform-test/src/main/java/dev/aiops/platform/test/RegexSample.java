package dev.aiops.platform.test;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shortest string a simple regular expression accepts, for the {@code pattern} of an OpenAPI schema
 * ({@code ^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$} gives {@code aaa}). Reads literals, escapes, classes, groups,
 * alternation (first branch) and quantifiers (their minimum); the result is checked against the pattern
 * and nothing is returned when the expression is beyond this reader.
 */
final class RegexSample {

    private final String regex;
    private int pos;

    private RegexSample(String regex) {
        this.regex = regex;
    }

    static Optional<String> of(String regex, int minLength) {
        try {
            String sample = new RegexSample(regex).alternation();
            Pattern pattern = Pattern.compile(regex);
            if (sample.length() < minLength) {
                // a longer sample: repeat the middle part by trying the pattern with more of its first class
                for (char filler : new char[] {'a', '0', 'A'}) {
                    String longer = sample.isEmpty()
                            ? String.valueOf(filler).repeat(minLength)
                            : sample.charAt(0)
                                    + String.valueOf(filler).repeat(minLength - sample.length())
                                    + sample.substring(1);
                    if (pattern.matcher(longer).find()) {
                        return Optional.of(longer);
                    }
                }
            }
            return pattern.matcher(sample).find() ? Optional.of(sample) : Optional.empty();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private String alternation() {
        String first = sequence();
        while (pos < regex.length() && regex.charAt(pos) == '|') {
            pos++;
            String other = sequence();
            if (first.isEmpty()) {
                first = other; // prefer a branch that says something
            }
        }
        return first;
    }

    private String sequence() {
        StringBuilder out = new StringBuilder();
        while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
            String atom = atom();
            int times = quantifier();
            out.append(atom.repeat(times));
        }
        return out.toString();
    }

    private String atom() {
        char c = regex.charAt(pos++);
        return switch (c) {
            case '^', '$' -> "";
            case '.' -> "a";
            case '\\' -> escape(regex.charAt(pos++));
            case '[' -> String.valueOf(characterClass());
            case '(' -> group();
            default -> String.valueOf(c);
        };
    }

    private String group() {
        if (regex.startsWith("?:", pos)) {
            pos += 2;
        } else if (regex.startsWith("?<", pos) && regex.charAt(pos + 2) != '=' && regex.charAt(pos + 2) != '!') {
            pos = regex.indexOf('>', pos) + 1;
        } else if (pos < regex.length() && regex.charAt(pos) == '?') {
            throw new IllegalArgumentException("lookaround");
        }
        String inner = alternation();
        if (regex.charAt(pos++) != ')') {
            throw new IllegalArgumentException("unclosed group");
        }
        return inner;
    }

    private static String escape(char c) {
        return switch (c) {
            case 'd' -> "0";
            case 'w' -> "a";
            case 's' -> " ";
            case 'D', 'W', 'S' -> "-";
            case 'n' -> "\n";
            case 't' -> "\t";
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    throw new IllegalArgumentException("escape \\" + c);
                }
                yield String.valueOf(c);
            }
        };
    }

    private char characterClass() {
        boolean negated = pos < regex.length() && regex.charAt(pos) == '^';
        if (negated) {
            pos++;
        }
        StringBuilder members = new StringBuilder();
        while (regex.charAt(pos) != ']') {
            char c = regex.charAt(pos++);
            if (c == '\\') {
                members.append(escape(regex.charAt(pos++)));
            } else if (pos + 1 < regex.length() && regex.charAt(pos) == '-' && regex.charAt(pos + 1) != ']') {
                char to = regex.charAt(pos + 1);
                pos += 2;
                for (char m = c; m <= to; m++) {
                    members.append(m);
                }
            } else {
                members.append(c);
            }
        }
        pos++; // ']'
        if (!negated) {
            return members.charAt(0);
        }
        for (char candidate : "a0A_-x".toCharArray()) {
            if (members.indexOf(String.valueOf(candidate)) < 0) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("negated class");
    }

    private int quantifier() {
        if (pos >= regex.length()) {
            return 1;
        }
        char c = regex.charAt(pos);
        int times;
        if (c == '?' || c == '*') {
            pos++;
            times = 0;
        } else if (c == '+') {
            pos++;
            times = 1;
        } else if (c == '{' && regex.indexOf('}', pos) > 0) {
            String body = regex.substring(pos + 1, regex.indexOf('}', pos));
            pos = regex.indexOf('}', pos) + 1;
            times = Integer.parseInt(body.split(",", -1)[0].trim());
        } else {
            return 1;
        }
        if (pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '+')) {
            pos++; // lazy or possessive: same minimum
        }
        return times;
    }
}
