package dev.aiops.intent.intent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A TMF921 IntentReport: what an intent reached at one stage. Written once, never changed. */
@Entity
@Table(name = "intent_report")
class IntentReportEntity {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private UUID intentId;

    @Column(nullable = false, updatable = false)
    private String stage;

    @Column(updatable = false)
    private String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    private Map<String, Object> expression;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    protected IntentReportEntity() {}

    IntentReportEntity(UUID intentId, String stage, String description, Map<String, Object> expression, Instant now) {
        this.id = UUID.randomUUID();
        this.intentId = intentId;
        this.stage = stage;
        this.description = description;
        this.expression = expression;
        this.createdAt = now;
    }

    UUID getId() {
        return id;
    }

    UUID getIntentId() {
        return intentId;
    }

    String getStage() {
        return stage;
    }

    String getDescription() {
        return description;
    }

    Map<String, Object> getExpression() {
        return expression;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
