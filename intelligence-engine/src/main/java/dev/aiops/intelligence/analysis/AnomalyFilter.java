package dev.aiops.intelligence.analysis;

import dev.aiops.model.intelligence.AnomalySeverity;
import dev.aiops.model.intelligence.AnomalyType;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.domain.Specification;

/** Filters of {@code GET /api/v1/analysis/anomalies}; null means any. {@code until} is exclusive. */
record AnomalyFilter(
        UUID clusterId,
        String metricName,
        AnomalyType anomalyType,
        AnomalySeverity severity,
        Instant since,
        Instant until) {

    Specification<AnomalyEntity> specification() {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (clusterId != null) {
                where.add(cb.equal(root.get("clusterId"), clusterId));
            }
            if (metricName != null) {
                where.add(cb.equal(root.get("metricName"), metricName));
            }
            if (anomalyType != null) {
                where.add(cb.equal(root.get("anomalyType"), anomalyType));
            }
            if (severity != null) {
                where.add(cb.equal(root.get("severity"), severity));
            }
            if (since != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("detectedAt"), since));
            }
            if (until != null) {
                where.add(cb.lessThan(root.get("detectedAt"), until));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
