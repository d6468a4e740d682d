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
            Instant now) {
        IntentEntity entity = new IntentEntity();
        entity.id = id;
        entity.text = text;
        entity.intentType = type;
        entity.serviceType = serviceType;
        entity.status = IntentLifecycleStatus.ACKNOWLEDGED;
        entity.payload = payload;
        entity.createdBy = createdBy;
        entity.createdAt = now;
        entity.updatedAt = now;
        return entity;
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
