package dev.aiops.intent.intent;

import dev.aiops.model.intent.IntentLifecycleStatus;
import dev.aiops.model.intent.IntentType;
import dev.aiops.model.intent.ServiceType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "intent")
class IntentEntity {

    @Id
    private UUID id;

    @Column(updatable = false)
    private String text;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private IntentType intentType;

    @Enumerated(EnumType.STRING)
    private ServiceType serviceType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private IntentLifecycleStatus status;

    private String statusReason;

    /** The StructuredIntent in its JSON (API) form; {@link IntentService} converts it. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, Object> payload;

    @Column(updatable = false)
    private String createdBy;

    private String name;

    private String description;

    @Column(updatable = false)
    private String idempotencyKey;

    @Column(nullable = false)
    private Instant statusChangedAt;

    /** The planner's decisions (clusters, functions, sizing), recorded once planned. */
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> plan;

    @Version
    private Long version;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected IntentEntity() {}

    static IntentEntity acknowledged(
            UUID id,
            String text,
            IntentType type,
            ServiceType serviceType,
            Map<String, Object> payload,
            String createdBy,
            String name,
            String description,
            String idempotencyKey,
            Instant now) {
        IntentEntity entity = new IntentEntity();
        entity.id = id;
        entity.text = text;
        entity.intentType = type;
        entity.serviceType = serviceType;
        entity.status = IntentLifecycleStatus.ACKNOWLEDGED;
        entity.payload = payload;
        entity.createdBy = createdBy;
        entity.name = name;
        entity.description = description;
        entity.idempotencyKey = idempotencyKey;
        entity.createdAt = now;
        entity.updatedAt = now;
        entity.statusChangedAt = now;
        return entity;
    }

    /** Moves to {@code next}, returning the previous status; the caller records the report and event. */
    IntentLifecycleStatus moveTo(IntentLifecycleStatus next, String reason, Instant now) {
        IntentLifecycleStatus previous = status;
        status = next;
        statusReason = reason;
        statusChangedAt = now;
        updatedAt = now;
        return previous;
    }

    void rename(String newName, String newDescription, Instant now) {
        if (newName != null) {
            name = newName;
        }
        if (newDescription != null) {
            description = newDescription;
        }
        updatedAt = now;
    }

    void recordPlan(Map<String, Object> newPlan, Instant now) {
        plan = newPlan;
        updatedAt = now;
    }

    IntentType getIntentType() {
        return intentType;
    }

    String getName() {
        return name;
    }

    String getDescription() {
        return description;
    }

    Instant getStatusChangedAt() {
        return statusChangedAt;
    }

    Map<String, Object> getPlan() {
        return plan;
    }

    Long getVersion() {
        return version;
    }

    String getCreatedBy() {
        return createdBy;
    }

    UUID getId() {
        return id;
    }

    String getText() {
        return text;
    }

    IntentLifecycleStatus getStatus() {
        return status;
    }

    String getStatusReason() {
        return statusReason;
    }

    Map<String, Object> getPayload() {
        return payload;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
