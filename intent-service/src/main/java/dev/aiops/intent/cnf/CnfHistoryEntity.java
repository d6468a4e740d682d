package dev.aiops.intent.cnf;

import dev.aiops.model.cnf.CnfState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "cnf_state_history")
class CnfHistoryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private UUID cnfId;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    private CnfState fromState;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private CnfState toState;

    @Column(updatable = false)
    private String reason;

    @Column(nullable = false, updatable = false)
    private Instant at;

    protected CnfHistoryEntity() {}

    CnfHistoryEntity(UUID cnfId, CnfState from, CnfState to, String reason, Instant at) {
        this.cnfId = cnfId;
        this.fromState = from;
        this.toState = to;
        this.reason = reason;
        this.at = at;
    }

    CnfState getFromState() {
        return fromState;
    }

    CnfState getToState() {
        return toState;
    }

    String getReason() {
        return reason;
    }

    Instant getAt() {
        return at;
    }
}
