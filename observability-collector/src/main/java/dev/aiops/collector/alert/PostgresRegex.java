package dev.aiops.collector.alert;

/**
 * A label matcher's regular expression, accepted as Prometheus accepts it (RE2 syntax, anchored at both ends:
 * {@code ^(?:re)$}) and rewritten into PostgreSQL's advanced regular expressions so the alert store filters
 * (and pages) in SQL. The two dialects share the syntax that label matchers use; where they differ the
 * expression is rewritten ({@code \b} → {@code \y}, {@code \B} → {@code \Y}, {@code \z} → {@code \Z},
 * {@code (?P<name>…)} → a plain group, a leading {@code (?i)} → the case-insensitive operator), and what has no
 * PostgreSQL equivalent (Unicode classes {@code \p}, {@code \Q…\E}, {@code \C}, flags other than a leading
 * {@code (?i)}) is refused rather than evaluated differently. PostgreSQL's {@code .} matches a newline as
 * Prometheus's {@code (?s:…)} does since 2.46.
 */
record PostgresRegex(String pattern, boolean caseInsensitive) {

    /** Throws {@link IllegalArgumentException} (the message says why) for what RE2 or this rewrite cannot take. */
    static PostgresRegex fromRe2(String re) {
        try {
            com.google.re2j.Pattern.compile("^(?:" + re + ")$");
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription() + " in " + quoted(re));
        }
        boolean caseInsensitive = re.startsWith("(?i)");
        String body = caseInsensitive ? re.substring(4) : re;
        StringBuilder out = new StringBuilder("^(?:");
        boolean inClass = false;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(i + 1);
                switch (next) {
                    case 'b' -> out.append(inClass ? "\\b" : "\\y");
                    case 'B' -> out.append("\\Y");
                    case 'z' -> out.append("\\Z");
                    case 'p', 'P', 'Q', 'E', 'C' -> throw unsupported("\\" + next, re);
                    case 'x' -> {
                        if (i + 2 < body.length() && body.charAt(i + 2) == '{') {
                            throw unsupported("\\x{…}", re);
                        }
                        out.append("\\x");
                    }
                    default -> out.append(c).append(next);
                }
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == '[' && i + 1 < body.length() && body.charAt(i + 1) == ':') {
                    // a POSIX class [:alpha:], copied whole so its ']' does not close the bracket
                    int end = body.indexOf(":]", i + 2);
                    out.append(body, i, end + 2);
                    i = end + 2;
                    continue;
                }
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
                i++;
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                i++;
                if (i < body.length() && body.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                if (i < body.length() && body.charAt(i) == ']') {
                    out.append(']'); // a literal ']' first in the class
                    i++;
                }
                continue;
            }
            if (c == '(' && body.startsWith("(?", i)) {
                if (body.startsWith("(?:", i)) {
                    out.append("(?:");
                    i += 3;
                } else if (body.startsWith("(?P<", i) || body.startsWith("(?<", i)) {
                    out.append('(');
                    i = body.indexOf('>', i) + 1;
                } else {
                    throw unsupported("flags other than a leading (?i)", re);
                }
                continue;
            }
            out.append(c);
            i++;
        }
        return new PostgresRegex(out.append(")$").toString(), caseInsensitive);
    }

    private static IllegalArgumentException unsupported(String what, String re) {
        return new IllegalArgumentException(what + " is not supported in " + quoted(re));
    }

    private static String quoted(String re) {
        return "\"" + re + "\"";
    }
}
