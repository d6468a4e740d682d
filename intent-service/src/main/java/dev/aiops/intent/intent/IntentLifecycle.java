package dev.aiops.intent.intent;

import dev.aiops.model.intent.IntentLifecycleStatus;
import dev.aiops.model.intent.StructuredIntent;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What the planning pipeline and the CNF worker may do to an intent; the intent package owns the tables. */
public interface IntentLifecycle {

    /**
     * The oldest acknowledged deployment, scaling or healing intent not yet planned, locked until the caller's transaction ends
     * (skipped by other replicas). Must run inside a transaction.
     */
    Optional<UUID> claimNextToPlan();

    StructuredIntent structured(UUID id);

    void recordPlan(UUID id, Map<String, Object> plan);

    /** Moves the intent and records {@code stage} as an intent report, with INTENT_STATUS_CHANGED. */
    void changeStatus(UUID id, IntentLifecycleStatus next, String stage, String reason, Map<String, Object> details);

    /** Records a report for {@code stage} once; later calls for the same stage do nothing. */
    void reportOnce(UUID id, String stage, String reason, Map<String, Object> details);
}
