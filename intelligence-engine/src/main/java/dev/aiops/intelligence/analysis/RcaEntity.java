package dev.aiops.intelligence.analysis;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "rca_analysis")
class RcaEntity {

    @Id
    private UUID id;

    private UUID clusterId;

    @Column(nullable = false)
    private String triggerKind;

    private String triggerRef;

    @Column(nullable = false)
    private Instant windowStart;

    @Column(nullable = false)
    private Instant windowEnd;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String result;

    private String createdBy;

    @Column(nullable = false)
    private Instant createdAt;

    protected RcaEntity() {}

    static RcaEntity of(RcaResult result, String resultJson, String createdBy) {
        RcaEntity entity = new RcaEntity();
        entity.id = result.analysisId();
        entity.clusterId = result.clusterId();
        entity.triggerKind = result.triggerKind();
        entity.triggerRef = result.triggerRef();
        entity.windowStart = result.windowStart();
        entity.windowEnd = result.windowEnd();
        entity.result = resultJson;
        entity.createdBy = createdBy;
        entity.createdAt = result.createdAt();
        return entity;
    }
}
