package dev.aiops.intelligence.analysis;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface RcaRepository extends JpaRepository<RcaEntity, UUID> {

    /** Whether the trigger (an alert's fingerprint, an anomaly's id) has been analysed since {@code since}. */
    boolean existsByTriggerKindAndTriggerRefAndCreatedAtAfter(String triggerKind, String triggerRef, Instant since);
}
