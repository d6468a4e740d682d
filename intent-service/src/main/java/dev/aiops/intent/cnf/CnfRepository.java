package dev.aiops.intent.cnf;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CnfRepository extends JpaRepository<CnfEntity, UUID> {

    List<CnfEntity> findByIntentId(UUID intentId);

    /** The next CNF with work due, locked until the caller's transaction ends; other replicas skip it. */
    @Query(
            value = "select id from cnf where state in ('PENDING', 'PROVISIONING', 'TERMINATING')"
                    + " and next_attempt_at <= now() order by next_attempt_at limit 1 for update skip locked",
            nativeQuery = true)
    Optional<UUID> claimNextDue();
}
