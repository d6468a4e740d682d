package dev.aiops.collector.metrics.promql;

import dev.aiops.collector.metrics.promql.Expr.Aggregate;
import dev.aiops.collector.metrics.promql.Expr.Binary;
import dev.aiops.collector.metrics.promql.Expr.Call;
import dev.aiops.collector.metrics.promql.Expr.LabelMatcher;
import dev.aiops.collector.metrics.promql.Expr.MatrixSelector;
import dev.aiops.collector.metrics.promql.Expr.NumberLiteral;
import dev.aiops.collector.metrics.promql.Expr.Paren;
import dev.aiops.collector.metrics.promql.Expr.StringLiteral;
import dev.aiops.collector.metrics.promql.Expr.Subquery;
import dev.aiops.collector.metrics.promql.Expr.Unary;
import dev.aiops.collector.metrics.promql.Expr.VectorMatching;
import dev.aiops.collector.metrics.promql.Expr.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for the PromQL grammar of Prometheus 2.x (the one in Prometheus'
 * {@code promql/parser/generated_parser.y}): literals, vector and matrix selectors, subqueries,
 * {@code offset} and {@code @}, function calls, aggregations with {@code by}/{@code without} before or
 * after the arguments, binary operators with Prometheus' precedence and associativity, {@code bool},
 * {@code on}/{@code ignoring} and {@code group_left}/{@code group_right}. It also applies the checks
 * Prometheus makes while parsing (a selector must have a matcher that does not match the empty string,
 * known function names and arities, regular expressions compile), so a bad query is refused with a
 * position before any cluster is asked.
 */
public final class PromQlParser {

    /** Aggregation operators, and whether each takes a parameter before the expression. */
    static final Map<String, Boolean> AGGREGATIONS = Map.ofEntries(
            Map.entry("sum", false),
            Map.entry("avg", false),
            Map.entry("count", false),
            Map.entry("min", false),
            Map.entry("max", false),
            Map.entry("group", false),
            Map.entry("stddev", false),
            Map.entry("stdvar", false),
            Map.entry("topk", true),
            Map.entry("bottomk", true),
            Map.entry("quantile", true),
            Map.entry("count_values", true));

    /** Functions of Prometheus 2.42 with their minimum and maximum argument counts (-1: variadic). */
    static final Map<String, int[]> FUNCTIONS = Map.ofEntries(
            Map.entry("abs", new int[] {1, 1}),
            Map.entry("absent", new int[] {1, 1}),
            Map.entry("absent_over_time", new int[] {1, 1}),
            Map.entry("acos", new int[] {1, 1}),
            Map.entry("acosh", new int[] {1, 1}),
            Map.entry("asin", new int[] {1, 1}),
            Map.entry("asinh", new int[] {1, 1}),
            Map.entry("atan", new int[] {1, 1}),
            Map.entry("atanh", new int[] {1, 1}),
            Map.entry("avg_over_time", new int[] {1, 1}),
            Map.entry("ceil", new int[] {1, 1}),
            Map.entry("changes", new int[] {1, 1}),
            Map.entry("clamp", new int[] {3, 3}),
            Map.entry("clamp_max", new int[] {2, 2}),
            Map.entry("clamp_min", new int[] {2, 2}),
            Map.entry("cos", new int[] {1, 1}),
            Map.entry("cosh", new int[] {1, 1}),
            Map.entry("count_over_time", new int[] {1, 1}),
            Map.entry("days_in_month", new int[] {0, 1}),
            Map.entry("day_of_month", new int[] {0, 1}),
            Map.entry("day_of_week", new int[] {0, 1}),
            Map.entry("day_of_year", new int[] {0, 1}),
            Map.entry("deg", new int[] {1, 1}),
            Map.entry("delta", new int[] {1, 1}),
            Map.entry("deriv", new int[] {1, 1}),
            Map.entry("exp", new int[] {1, 1}),
            Map.entry("floor", new int[] {1, 1}),
            Map.entry("histogram_count", new int[] {1, 1}),
            Map.entry("histogram_sum", new int[] {1, 1}),
            Map.entry("histogram_fraction", new int[] {3, 3}),
            Map.entry("histogram_quantile", new int[] {2, 2}),
            Map.entry("holt_winters", new int[] {3, 3}),
            Map.entry("hour", new int[] {0, 1}),
            Map.entry("idelta", new int[] {1, 1}),
            Map.entry("increase", new int[] {1, 1}),
            Map.entry("irate", new int[] {1, 1}),
            Map.entry("label_replace", new int[] {5, 5}),
            Map.entry("label_join", new int[] {3, -1}),
            Map.entry("last_over_time", new int[] {1, 1}),
            Map.entry("ln", new int[] {1, 1}),
            Map.entry("log10", new int[] {1, 1}),
            Map.entry("log2", new int[] {1, 1}),
            Map.entry("max_over_time", new int[] {1, 1}),
            Map.entry("min_over_time", new int[] {1, 1}),
            Map.entry("minute", new int[] {0, 1}),
            Map.entry("month", new int[] {0, 1}),
            Map.entry("pi", new int[] {0, 0}),
            Map.entry("predict_linear", new int[] {2, 2}),
            Map.entry("present_over_time", new int[] {1, 1}),
            Map.entry("quantile_over_time", new int[] {2, 2}),
            Map.entry("rad", new int[] {1, 1}),
            Map.entry("rate", new int[] {1, 1}),
            Map.entry("resets", new int[] {1, 1}),
            Map.entry("round", new int[] {1, 2}),
            Map.entry("scalar", new int[] {1, 1}),
            Map.entry("sgn", new int[] {1, 1}),
            Map.entry("sin", new int[] {1, 1}),
            Map.entry("sinh", new int[] {1, 1}),
            Map.entry("sort", new int[] {1, 1}),
            Map.entry("sort_desc", new int[] {1, 1}),
            Map.entry("sqrt", new int[] {1, 1}),
            Map.entry("stddev_over_time", new int[] {1, 1}),
            Map.entry("stdvar_over_time", new int[] {1, 1}),
            Map.entry("sum_over_time", new int[] {1, 1}),
            Map.entry("tan", new int[] {1, 1}),
            Map.entry("tanh", new int[] {1, 1}),
            Map.entry("time", new int[] {0, 0}),
            Map.entry("timestamp", new int[] {1, 1}),
            Map.entry("vector", new int[] {1, 1}),
            Map.entry("year", new int[] {0, 1}));

    private static final Set<String> KEYWORDS_AFTER_EXPR =
            Set.of("and", "or", "unless", "atan2", "offset", "by", "without", "bool", "on", "ignoring");
    private static final Pattern DURATION = Pattern.compile("^(\\d+(ms|s|m|h|d|w|y))+$");

    private final String input;
    private int pos;

    private PromQlParser(String input) {
        this.input = input;
    }

    /** Parses a whole expression; throws {@link PromQlSyntaxException} naming the position of the first error. */
    public static Expr parse(String query) {
        PromQlParser parser = new PromQlParser(query);
        parser.skipSpace();
        if (parser.atEnd()) {
            throw new PromQlSyntaxException("no expression found in input");
        }
        Expr expr = parser.expression(0);
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error("unexpected " + parser.describeNext());
        }
        return expr;
    }

    /** Parses a series selector as {@code match[]} takes it ({@code up}, {@code {job="x"}}). */
    public static VectorSelector parseSelector(String selector) {
        Expr expr = parse(selector);
        if (expr instanceof VectorSelector vs && vs.offset() == null && vs.at() == null) {
            return vs;
        }
        throw new PromQlSyntaxException("expected a series selector, got " + selector);
    }

    /**
     * Parses one label matcher in Prometheus's syntax ({@code severity="critical"}, {@code pod=~"cnf-.*"}) as
     * other APIs take it outside a selector; the value is a PromQL string literal.
     */
    public static LabelMatcher parseMatcher(String matcher) {
        PromQlParser parser = new PromQlParser(matcher);
        parser.skipSpace();
        LabelMatcher parsed = parser.labelMatcher();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error("unexpected " + parser.describeNext() + " after label matcher");
        }
        return parsed;
    }

    // ---- binary operators, lowest precedence first ----

    private static int precedence(String op) {
        return switch (op) {
            case "or" -> 1;
            case "and", "unless" -> 2;
            case "==", "!=", "<=", "<", ">=", ">" -> 3;
            case "+", "-" -> 4;
            case "*", "/", "%", "atan2" -> 5;
            case "^" -> 6;
            default -> -1;
        };
    }

    private Expr expression(int minPrecedence) {
        Expr lhs = unary();
        while (true) {
            int save = pos;
            String op = binaryOperator();
            if (op == null || precedence(op) < minPrecedence) {
                pos = save;
                return lhs;
            }
            boolean bool = false;
            if (keyword("bool")) {
                if (precedence(op) != 3) {
                    throw error("bool modifier can only be used on comparison operators");
                }
                bool = true;
            }
            VectorMatching matching = vectorMatching(op);
            // ^ is right-associative, everything else left-associative
            int next = op.equals("^") ? precedence(op) : precedence(op) + 1;
            Expr rhs = expression(next);
            checkBinaryOperands(op, lhs, rhs, bool, matching);
            lhs = new Binary(op, lhs, rhs, bool, matching);
        }
    }

    private void checkBinaryOperands(String op, Expr lhs, Expr rhs, boolean bool, VectorMatching matching) {
        boolean setOp = op.equals("and") || op.equals("or") || op.equals("unless");
        Type l = type(lhs);
        Type r = type(rhs);
        if (l == Type.MATRIX || r == Type.MATRIX || l == Type.STRING || r == Type.STRING) {
            throw error("binary expression must contain only scalar and instant vector types");
        }
        if (setOp && (l == Type.SCALAR || r == Type.SCALAR)) {
            throw error("set operator \"" + op + "\" not allowed in binary scalar expression");
        }
        if (precedence(op) == 3 && !bool && l == Type.SCALAR && r == Type.SCALAR) {
            throw error("comparisons between scalars must use BOOL modifier");
        }
        if (matching != null && (l == Type.SCALAR || r == Type.SCALAR)) {
            throw error("vector matching only allowed between instant vectors");
        }
    }

    private String binaryOperator() {
        skipSpace();
        for (String op : List.of("==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "^")) {
            if (input.startsWith(op, pos)) {
                // "=~" and "!~" only appear inside braces; "!=" above already took "!"
                pos += op.length();
                return op;
            }
        }
        for (String word : List.of("and", "or", "unless", "atan2")) {
            if (keyword(word)) {
                return word;
            }
        }
        return null;
    }

    private VectorMatching vectorMatching(String op) {
        boolean on;
        if (keyword("on")) {
            on = true;
        } else if (keyword("ignoring")) {
            on = false;
        } else {
            return null;
        }
        List<String> labels = labelList();
        String group = null;
        List<String> include = List.of();
        if (keyword("group_left")) {
            group = "group_left";
        } else if (keyword("group_right")) {
            group = "group_right";
        }
        if (group != null) {
            if (op.equals("and") || op.equals("or") || op.equals("unless")) {
                throw error("no grouping allowed for \"" + op + "\" operation");
            }
            skipSpace();
            include = peek() == '(' ? labelList() : List.of();
        }
        return new VectorMatching(on, labels, group, include);
    }

    private Expr unary() {
        skipSpace();
        char c = peek();
        if (c == '-' || c == '+') {
            pos++;
            // unary minus binds weaker than ^: -2^2 is -(2^2)
            Expr operand = expression(precedence("^"));
            Type t = type(operand);
            if (t != Type.SCALAR && t != Type.VECTOR) {
                throw error("unary expression only allowed on expressions of type scalar or instant vector");
            }
            if (operand instanceof NumberLiteral n && c == '-') {
                return new NumberLiteral(n.text().startsWith("-") ? n.text().substring(1) : "-" + n.text());
            }
            return c == '-' ? new Unary("-", operand) : operand;
        }
        return postfix(primary());
    }

    private Expr postfix(Expr expr) {
        while (true) {
            skipSpace();
            if (peek() == '[') {
                pos++;
                String range = duration();
                skipSpace();
                if (peek() == ':') {
                    pos++;
                    skipSpace();
                    String step = peek() == ']' ? null : duration();
                    expect(']');
                    Type t = type(expr);
                    if (t != Type.VECTOR) {
                        throw error("subquery is only allowed on instant vector, got "
                                + t.name().toLowerCase(Locale.ROOT));
                    }
                    expr = new Subquery(expr, range, step, null, null);
                } else {
                    expect(']');
                    if (!(expr instanceof VectorSelector vs)) {
                        throw error("ranges only allowed for vector selectors");
                    }
                    if (vs.offset() != null || vs.at() != null) {
                        throw error("no offset or @ modifiers allowed before range");
                    }
                    expr = new MatrixSelector(vs, range);
                }
            } else if (keyword("offset")) {
                skipSpace();
                boolean negative = false;
                if (peek() == '-') {
                    negative = true;
                    pos++;
                }
                String offset = (negative ? "-" : "") + duration();
                expr = withModifier(expr, offset, null);
            } else if (peek() == '@') {
                pos++;
                skipSpace();
                String at;
                if (keyword("start") || keyword("end")) {
                    String word = input.substring(lastWordStart, pos);
                    expect('(');
                    expect(')');
                    at = word + "()";
                } else {
                    at = numberText();
                    if (at == null) {
                        throw error("unexpected " + describeNext() + " after @");
                    }
                }
                expr = withModifier(expr, null, at);
            } else {
                return expr;
            }
        }
    }

    private Expr withModifier(Expr expr, String offset, String at) {
        if (expr instanceof VectorSelector vs) {
            return checked(
                    vs.offset(), vs.at(), offset, at, vs.withModifiers(or(offset, vs.offset()), or(at, vs.at())));
        }
        if (expr instanceof MatrixSelector ms) {
            VectorSelector vs = ms.selector();
            return checked(
                    vs.offset(),
                    vs.at(),
                    offset,
                    at,
                    new MatrixSelector(vs.withModifiers(or(offset, vs.offset()), or(at, vs.at())), ms.range()));
        }
        if (expr instanceof Subquery sq) {
            return checked(
                    sq.offset(),
                    sq.at(),
                    offset,
                    at,
                    new Subquery(sq.expr(), sq.range(), sq.step(), or(offset, sq.offset()), or(at, sq.at())));
        }
        throw error((offset != null ? "offset" : "@") + " modifier must be preceded by an instant vector selector"
                + " or range vector selector or a subquery");
    }

    private Expr checked(String oldOffset, String oldAt, String offset, String at, Expr result) {
        if (offset != null && oldOffset != null) {
            throw error("offset may not be set multiple times");
        }
        if (at != null && oldAt != null) {
            throw error("@ <timestamp> may not be set multiple times");
        }
        return result;
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    private Expr primary() {
        skipSpace();
        if (atEnd()) {
            throw error("unexpected end of input");
        }
        char c = peek();
        if (c == '(') {
            pos++;
            Expr inner = expression(0);
            expect(')');
            return new Paren(inner);
        }
        if (c == '"' || c == '\'' || c == '`') {
            return new StringLiteral(stringLiteral());
        }
        if (c == '{') {
            return selector(null);
        }
        String number = numberText();
        if (number != null) {
            return new NumberLiteral(number);
        }
        if (isIdentStart(c)) {
            int start = pos;
            String ident = identifier(true);
            String lower = ident.toLowerCase(Locale.ROOT);
            if (lower.equals("inf") || lower.equals("nan")) {
                return new NumberLiteral(ident);
            }
            skipSpace();
            if (AGGREGATIONS.containsKey(ident)
                    && (peek() == '(' || lookingAtKeyword("by") || lookingAtKeyword("without"))) {
                return aggregation(ident);
            }
            if (peek() == '(') {
                return call(ident, start);
            }
            if (KEYWORDS_AFTER_EXPR.contains(ident) && !ident.contains(":")) {
                pos = start;
                throw error("unexpected keyword \"" + ident + "\"");
            }
            return selector(ident);
        }
        throw error("unexpected " + describeNext());
    }

    private Expr call(String name, int start) {
        int[] arity = FUNCTIONS.get(name);
        if (arity == null) {
            pos = start;
            throw error("unknown function with name \"" + name + "\"");
        }
        expect('(');
        List<Expr> args = new ArrayList<>();
        skipSpace();
        if (peek() != ')') {
            args.add(expression(0));
            while (accept(',')) {
                args.add(expression(0));
            }
        }
        expect(')');
        if (args.size() < arity[0] || (arity[1] >= 0 && args.size() > arity[1])) {
            throw error("expected " + (arity[0] == arity[1] ? String.valueOf(arity[0]) : "at least " + arity[0])
                    + " argument(s) in call to \"" + name + "\", got " + args.size());
        }
        return new Call(name, args);
    }

    private Expr aggregation(String op) {
        List<String> grouping = null;
        boolean without = false;
        if (keyword("by")) {
            grouping = labelList();
        } else if (keyword("without")) {
            grouping = labelList();
            without = true;
        }
        expect('(');
        Expr param = null;
        Expr expr = expression(0);
        if (accept(',')) {
            param = expr;
            expr = expression(0);
        }
        expect(')');
        if (grouping == null) {
            if (keyword("by")) {
                grouping = labelList();
            } else if (keyword("without")) {
                grouping = labelList();
                without = true;
            }
        }
        boolean takesParam = AGGREGATIONS.get(op);
        if (takesParam && param == null) {
            throw error("wrong number of arguments for aggregate expression provided, expected 2, got 1");
        }
        if (!takesParam && param != null) {
            throw error("wrong number of arguments for aggregate expression provided, expected 1, got 2");
        }
        if (type(expr) != Type.VECTOR) {
            throw error("expected type instant vector in aggregation expression, got " + type(expr).label);
        }
        if (op.equals("count_values") && type(param) != Type.STRING) {
            throw error("expected type string in aggregation parameter, got " + type(param).label);
        }
        if (param != null && !op.equals("count_values") && type(param) != Type.SCALAR) {
            throw error("expected type scalar in aggregation parameter, got " + type(param).label);
        }
        return new Aggregate(op, param, expr, grouping, without);
    }

    private List<String> labelList() {
        expect('(');
        List<String> labels = new ArrayList<>();
        skipSpace();
        while (peek() != ')') {
            skipSpace();
            if (!isIdentStart(peek())) {
                throw error("unexpected " + describeNext() + " in grouping opts, expected label");
            }
            String label = identifier(false);
            labels.add(label);
            skipSpace();
            if (!accept(',')) {
                break;
            }
            skipSpace();
        }
        expect(')');
        return labels;
    }

    private VectorSelector selector(String name) {
        List<LabelMatcher> matchers = new ArrayList<>();
        skipSpace();
        if (peek() == '{') {
            pos++;
            skipSpace();
            while (peek() != '}') {
                matchers.add(labelMatcher());
                skipSpace();
                if (!accept(',')) {
                    break;
                }
                skipSpace();
            }
            expect('}');
        }
        if (name != null) {
            if (matchers.stream().anyMatch(m -> m.name().equals("__name__"))) {
                throw error("metric name must not be set twice: \"" + name + "\"");
            }
        } else {
            if (matchers.isEmpty()) {
                throw error("vector selector must contain at least one non-empty matcher");
            }
        }
        boolean nonEmpty = name != null || matchers.stream().anyMatch(m -> !m.matches(""));
        if (!nonEmpty) {
            throw error("vector selector must contain at least one non-empty matcher");
        }
        return new VectorSelector(name, matchers, null, null);
    }

    /** {@code label op "value"}, the regular expression of {@code =~}/{@code !~} checked. */
    private LabelMatcher labelMatcher() {
        if (!isIdentStart(peek())) {
            throw error("unexpected " + describeNext() + " in label matching, expected label");
        }
        String label = identifier(false);
        skipSpace();
        String op;
        if (input.startsWith("=~", pos) || input.startsWith("!~", pos) || input.startsWith("!=", pos)) {
            op = input.substring(pos, pos + 2);
            pos += 2;
        } else if (peek() == '=') {
            op = "=";
            pos++;
        } else {
            throw error("unexpected " + describeNext() + " in label matching, expected label matching operator");
        }
        skipSpace();
        char q = peek();
        if (q != '"' && q != '\'' && q != '`') {
            throw error("unexpected " + describeNext() + " in label matching, expected string");
        }
        String value = stringLiteral();
        if (op.endsWith("~")) {
            try {
                // RE2 syntax, as Prometheus (Go's regexp) accepts it
                com.google.re2j.Pattern.compile(value);
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw error("invalid regular expression in label matcher " + label);
            }
        }
        return new LabelMatcher(label, op, value);
    }

    // ---- types, as Prometheus checks them while parsing ----

    enum Type {
        SCALAR("scalar"),
        VECTOR("instant vector"),
        MATRIX("range vector"),
        STRING("string");

        final String label;

        Type(String label) {
            this.label = label;
        }
    }

    static Type type(Expr expr) {
        if (expr instanceof NumberLiteral) {
            return Type.SCALAR;
        }
        if (expr instanceof StringLiteral) {
            return Type.STRING;
        }
        if (expr instanceof MatrixSelector || expr instanceof Subquery) {
            return Type.MATRIX;
        }
        if (expr instanceof Paren p) {
            return type(p.expr());
        }
        if (expr instanceof Unary u) {
            return type(u.expr());
        }
        if (expr instanceof Binary b) {
            return type(b.lhs()) == Type.SCALAR && type(b.rhs()) == Type.SCALAR ? Type.SCALAR : Type.VECTOR;
        }
        if (expr instanceof Call c) {
            return switch (c.function()) {
                case "scalar", "time", "pi" -> Type.SCALAR;
                default -> Type.VECTOR;
            };
        }
        return Type.VECTOR;
    }

    // ---- lexical helpers ----

    private int lastWordStart;

    private boolean keyword(String word) {
        skipSpace();
        if (lookingAtKeyword(word)) {
            lastWordStart = pos;
            pos += word.length();
            return true;
        }
        return false;
    }

    private boolean lookingAtKeyword(String word) {
        if (!input.regionMatches(true, pos, word, 0, word.length())) {
            return false;
        }
        int end = pos + word.length();
        return end >= input.length() || !isIdentPart(input.charAt(end));
    }

    private String identifier(boolean allowColon) {
        int start = pos;
        while (!atEnd() && (isIdentPart(peek()) || (allowColon && peek() == ':'))) {
            pos++;
        }
        return input.substring(start, pos);
    }

    private String duration() {
        skipSpace();
        int start = pos;
        while (!atEnd() && (Character.isLetterOrDigit(peek()))) {
            pos++;
        }
        String text = input.substring(start, pos);
        if (!DURATION.matcher(text).matches()) {
            pos = start;
            throw error("bad duration syntax: \"" + text + "\"");
        }
        return text;
    }

    /** A number literal (decimal, exponent, hex) at the position, or null. */
    private String numberText() {
        skipSpace();
        int start = pos;
        if (input.startsWith("0x", pos) || input.startsWith("0X", pos)) {
            pos += 2;
            while (!atEnd() && Character.digit(peek(), 16) >= 0) {
                pos++;
            }
            return input.substring(start, pos);
        }
        boolean digits = false;
        while (!atEnd() && Character.isDigit(peek())) {
            pos++;
            digits = true;
        }
        if (!atEnd() && peek() == '.') {
            pos++;
            while (!atEnd() && Character.isDigit(peek())) {
                pos++;
                digits = true;
            }
        }
        if (!digits) {
            pos = start;
            return null;
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            int mark = pos;
            pos++;
            if (!atEnd() && (peek() == '+' || peek() == '-')) {
                pos++;
            }
            if (atEnd() || !Character.isDigit(peek())) {
                pos = mark;
            } else {
                while (!atEnd() && Character.isDigit(peek())) {
                    pos++;
                }
            }
        }
        if (!atEnd() && Character.isLetter(peek())) {
            pos = start;
            throw error("bad number or duration syntax: \""
                    + input.substring(start, Math.min(input.length(), start + 20)) + "\"");
        }
        return input.substring(start, pos);
    }

    private String stringLiteral() {
        char quote = peek();
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                pos = start;
                throw error("unterminated quoted string");
            }
            char c = input.charAt(pos++);
            if (c == quote) {
                return value.toString();
            }
            if (c == '\\' && quote != '`') {
                if (atEnd()) {
                    throw error("unterminated quoted string");
                }
                char e = input.charAt(pos++);
                switch (e) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'a' -> value.append('\u0007');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'v' -> value.append('\u000b');
                    case '\\', '"', '\'' -> value.append(e);
                    case 'x' -> value.append((char) hex(2));
                    case 'u' -> value.appendCodePoint(hex(4));
                    case 'U' -> value.appendCodePoint(hex(8));
                    default -> {
                        if (e >= '0' && e <= '7') {
                            pos--;
                            int code = Integer.parseInt(input.substring(pos, Math.min(pos + 3, input.length())), 8);
                            pos += 3;
                            value.append((char) code);
                        } else {
                            throw error("unknown escape sequence \\" + e);
                        }
                    }
                }
            } else if (c == '\n' && quote != '`') {
                throw error("unterminated quoted string");
            } else {
                value.append(c);
            }
        }
    }

    private int hex(int digits) {
        if (pos + digits > input.length()) {
            throw error("unterminated escape sequence");
        }
        try {
            int v = Integer.parseInt(input.substring(pos, pos + digits), 16);
            pos += digits;
            return v;
        } catch (NumberFormatException e) {
            throw error("invalid escape sequence");
        }
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) && c < 128 || c == '_' || c == ':';
    }

    private static boolean isIdentPart(char c) {
        return (Character.isLetterOrDigit(c) && c < 128) || c == '_';
    }

    private void skipSpace() {
        while (!atEnd()) {
            char c = peek();
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (!atEnd() && peek() != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private boolean accept(char c) {
        skipSpace();
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw error("unexpected " + describeNext() + ", expected \"" + c + "\"");
        }
        pos++;
    }

    private char peek() {
        return atEnd() ? '\0' : input.charAt(pos);
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    private String describeNext() {
        if (atEnd()) {
            return "end of input";
        }
        int end = pos;
        while (end < input.length() && end < pos + 10 && !Character.isWhitespace(input.charAt(end))) {
            end++;
        }
        return "\"" + input.substring(pos, Math.max(end, pos + 1)) + "\"";
    }

    private PromQlSyntaxException error(String message) {
        // Prometheus reports 1:<column>; columns count from 1
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, input.length()); i++) {
            if (input.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new PromQlSyntaxException(line + ":" + column + ": parse error: " + message);
    }
}
