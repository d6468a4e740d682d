package dev.aiops.intelligence.analysis;

import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.model.intelligence.AnomalySeverity;
import dev.aiops.model.intelligence.AnomalyType;
import dev.aiops.model.intelligence.DetectionType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "anomaly")
class AnomalyEntity {

    enum Origin {
        ON_DEMAND,
        CONTINUOUS
    }

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private UUID clusterId;

    @Column(nullable = false, updatable = false)
    private String metricName;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    private Map<String, String> labels = new TreeMap<>();

    @Column(nullable = false, updatable = false)
    private String seriesKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private DetectionType detectionType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private AnomalySeverity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private AnomalyType anomalyType;

    @Column(nullable = false, updatable = false)
    private double confidenceScore;

    private Double expectedValue;
    private Double actualValue;
    private Double deviationPercent;
    private String explanation;

    @Column(nullable = false, updatable = false)
    private Instant detectedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<String> relatedAlerts = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Origin origin;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    protected AnomalyEntity() {}

    static AnomalyEntity of(AnomalyDetection detection, Origin origin, Instant now) {
        AnomalyEntity entity = new AnomalyEntity();
        entity.id = detection.id() == null ? UUID.randomUUID() : detection.id();
        entity.clusterId = detection.clusterId();
        entity.metricName = detection.metricName();
        entity.labels = new TreeMap<>(detection.labels());
        entity.seriesKey = seriesKey(detection.clusterId(), detection.metricName(), detection.labels());
        entity.detectionType = detection.detectionType();
        entity.severity = detection.severity();
        entity.anomalyType = detection.anomalyType();
        entity.confidenceScore = detection.confidenceScore();
        entity.expectedValue = detection.expectedValue();
        entity.actualValue = detection.actualValue();
        entity.deviationPercent = detection.deviationPercent();
        entity.explanation = detection.explanation();
        entity.detectedAt = detection.detectedAt();
        entity.relatedAlerts = new ArrayList<>(detection.relatedAlerts());
        entity.origin = origin;
        entity.createdAt = now;
        return entity;
    }

    /** Cluster, metric and sorted labels: one key per series, whatever order the labels came in. */
    static String seriesKey(UUID clusterId, String metricName, Map<String, String> labels) {
        StringBuilder key = new StringBuilder().append(clusterId).append('|').append(metricName);
        new TreeMap<>(labels)
                .forEach((k, v) -> key.append('|').append(k).append('=').append(v));
        return key.length() > 2048 ? key.substring(0, 2048) : key.toString();
    }

    AnomalyDetection toView() {
        return new AnomalyDetection(
                id,
                clusterId,
                metricName,
                labels,
                detectionType,
                severity,
                anomalyType,
                confidenceScore,
                expectedValue,
                actualValue,
                deviationPercent,
                explanation,
                detectedAt,
                relatedAlerts);
    }

    UUID id() {
        return id;
    }
}
