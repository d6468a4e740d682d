package dev.aiops.collector.alert;

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
 * {@code cluster} is the cluster's name, {@code clusterId} its registry id. {@code labels} are matchers
 * {@code name=value} or {@code name!=value} on the alert's labels (a missing label counts as empty, as in
 * PromQL); on the history they match the alert's current labels.
 */
record AlertFilter(
        AlertState state,
        AlertSeverity severity,
        UUID clusterId,
        String cluster,
        String alertname,
        List<LabelMatcher> labels) {

    private static final Pattern MATCHER = Pattern.compile("^([a-zA-Z_][a-zA-Z0-9_]*)(!=|=)(.*)$");

    AlertFilter(AlertState state, AlertSeverity severity, UUID clusterId) {
        this(state, severity, clusterId, null, null, List.of());
    }

    AlertFilter {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    record LabelMatcher(String name, boolean equal, String value) {}

    /** Parses {@code label} parameters; 400 naming the parameter for one that is not a matcher. */
    static List<LabelMatcher> parseLabels(String[] values) {
        List<LabelMatcher> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String v : values) {
            Matcher m = MATCHER.matcher(v);
            if (!m.matches()) {
                throw ApiException.invalidField(
                        ErrorCode.VALIDATION_FAILED, "label", "must be name=value or name!=value, got \"" + v + "\"");
            }
            out.add(new LabelMatcher(m.group(1), m.group(2).equals("="), m.group(3)));
        }
        return out;
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
            predicates.add(m.equal() ? cb.equal(value, m.value()) : cb.notEqual(value, m.value()));
        }
        return predicates;
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
