package dev.aiops.collector.alert;

import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.domain.Specification;

/** The list filters of {@code GET /api/v1/alerts}; a null member does not filter. */
record AlertFilter(AlertState state, AlertSeverity severity, UUID clusterId) {

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
            return cb.and(predicates.toArray(Predicate[]::new));
        };
    }
}
