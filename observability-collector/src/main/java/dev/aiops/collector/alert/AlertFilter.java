package dev.aiops.collector.alert;

import dev.aiops.collector.metrics.promql.PromQlParser;
import dev.aiops.collector.metrics.promql.PromQlSyntaxException;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import dev.aiops.platform.error.ApiException;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.data.jpa.domain.Specification;

/**
 * The list filters of {@code GET /api/v1/alerts} and {@code /history}; a null member does not filter.
 * {@code cluster} is the cluster's name, {@code clusterId} its registry id. {@code labels} are Prometheus label
 * matchers ({@code =}, {@code !=}, {@code =~}, {@code !~}) on the alert's labels (a missing label counts as
 * empty, and a regular expression must match the whole value, as in PromQL); on the history they match the
 * alert's current labels.
 */
record AlertFilter(
        AlertState state,
        AlertSeverity severity,
        UUID clusterId,
        String cluster,
        String alertname,
        List<LabelMatcher> labels) {

    /** The short form, {@code name op value} with the value unquoted; the quoted one goes to the PromQL parser. */
    private static final Pattern MATCHER = Pattern.compile("^\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)(.*)$");

    AlertFilter(AlertState state, AlertSeverity severity, UUID clusterId) {
        this(state, severity, clusterId, null, null, List.of());
    }

    AlertFilter {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /**
     * One matcher: {@code op} is {@code = != =~ !~}; for the regular expression ones {@code regex} is the value
     * as PostgreSQL evaluates it ({@link PostgresRegex}).
     */
    record LabelMatcher(String name, String op, String value, PostgresRegex regex) {

        LabelMatcher(String name, String op, String value) {
            this(name, op, value, op.endsWith("~") ? PostgresRegex.fromRe2(value) : null);
        }
    }

    /**
     * Parses {@code label} parameters, each one matcher in Prometheus's syntax ({@code severity="critical"},
     * {@code pod=~"cnf-.*"}) or the same with the value unquoted ({@code severity=critical}); 400 naming the
     * parameter for one that is not a matcher or whose regular expression RE2 (Prometheus's engine) rejects.
     */
    static List<LabelMatcher> parseLabels(String[] values) {
        List<LabelMatcher> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String v : values) {
            Matcher m = MATCHER.matcher(v);
            if (!m.matches()) {
                throw invalidLabel("must be a label matcher name=value, name!=value, name=~regex or name!~regex, got \""
                        + v + "\"");
            }
            String name = m.group(1);
            String op = m.group(2);
            String value = m.group(3);
            String trimmed = value.strip();
            if (!trimmed.isEmpty() && "\"'`".indexOf(trimmed.charAt(0)) >= 0) {
                try {
                    value = PromQlParser.parseMatcher(name + op + trimmed).value();
                } catch (PromQlSyntaxException e) {
                    throw invalidLabel("is not a valid label matcher: " + e.getMessage());
                }
            }
            try {
                out.add(new LabelMatcher(name, op, value));
            } catch (IllegalArgumentException e) {
                throw invalidLabel("has an invalid regular expression for " + name + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static ApiException invalidLabel(String message) {
        return ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "label", message);
    }

    Specification<AlertEntity> toSpecification() {
        return (root, query, cb) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (state != null) {
                predicates.add(cb.equal(root.get("state"), state));
            }
            if (severity != null) {
                predicates.add(cb.equal(root.get("severity"), severity));
            }
            if (clusterId != null) {
                predicates.add(cb.equal(root.get("clusterId"), clusterId));
            }
            if (cluster != null) {
                predicates.add(cb.equal(root.get("clusterName"), cluster));
            }
            if (alertname != null) {
                predicates.add(cb.equal(root.get("alertname"), alertname));
            }
            predicates.addAll(labelPredicates(root, cb));
            return cb.and(predicates.toArray(Predicate[]::new));
        };
    }

    private List<Predicate> labelPredicates(Root<AlertEntity> alert, CriteriaBuilder cb) {
        List<Predicate> predicates = new ArrayList<>();
        for (LabelMatcher m : labels) {
            Expression<String> value = cb.coalesce(
                    cb.function("jsonb_extract_path_text", String.class, alert.get("labels"), cb.literal(m.name())),
                    "");
            predicates.add(
                    switch (m.op()) {
                        case "=" -> cb.equal(value, m.value());
                        case "!=" -> cb.notEqual(value, m.value());
                        case "=~" -> regexMatches(cb, value, m.regex());
                        case "!~" -> cb.not(regexMatches(cb, value, m.regex()));
                        default -> throw new IllegalStateException("unknown matcher " + m.op());
                    });
        }
        return predicates;
    }

    /** {@code value ~ pattern} (or {@code ~*}), through the functions behind PostgreSQL's operators. */
    private static Predicate regexMatches(CriteriaBuilder cb, Expression<String> value, PostgresRegex regex) {
        String function = regex.caseInsensitive() ? "texticregexeq" : "textregexeq";
        return cb.isTrue(cb.function(function, Boolean.class, value, cb.literal(regex.pattern())));
    }

    /** The same filters on the history; label matchers test the labels of the alert the entry belongs to. */
    Specification<AlertHistoryEntity> toHistorySpecification(String fingerprint) {
        return (root, query, cb) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (fingerprint != null) {
                predicates.add(cb.equal(root.get("fingerprint"), fingerprint));
            }
            if (state != null) {
                predicates.add(cb.equal(root.get("state"), state));
            }
            if (severity != null) {
                predicates.add(cb.equal(root.get("severity"), severity));
            }
            if (clusterId != null) {
                predicates.add(cb.equal(root.get("clusterId"), clusterId));
            }
            if (cluster != null) {
                predicates.add(cb.equal(root.get("clusterName"), cluster));
            }
            if (alertname != null) {
                predicates.add(cb.equal(root.get("alertname"), alertname));
            }
            if (!labels.isEmpty()) {
                Subquery<UUID> matching = query.subquery(UUID.class);
                Root<AlertEntity> alert = matching.from(AlertEntity.class);
                List<Predicate> where = labelPredicates(alert, cb);
                where.add(cb.equal(alert.get("id"), root.get("alertId")));
                matching.select(alert.get("id")).where(where.toArray(Predicate[]::new));
                predicates.add(cb.exists(matching));
            }
            return cb.and(predicates.toArray(Predicate[]::new));
        };
    }
}
