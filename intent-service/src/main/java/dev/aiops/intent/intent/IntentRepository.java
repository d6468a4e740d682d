package dev.aiops.intent.intent;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface IntentRepository extends JpaRepository<IntentEntity, UUID> {

    /**
     * The intent, its row locked until the transaction ends: a user's cancel waits for the pipeline's
     * transaction on the same intent instead of failing on its version.
     */
    @org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from IntentEntity i where i.id = :id")
    Optional<IntentEntity> lockById(UUID id);

    Optional<IntentEntity> findByCreatedByAndIdempotencyKey(String createdBy, String idempotencyKey);

    @Query(
            value = "select id from intent where status = 'ACKNOWLEDGED'"
                    + " and intent_type in ('DEPLOYMENT', 'SCALING', 'HEALING')"
                    + " and plan is null order by created_at limit 1 for update skip locked",
            nativeQuery = true)
    Optional<UUID> claimNextToPlan();

    /** TMF's offset/limit paging, which need not fall on page boundaries. */
    @Query(value = "select * from intent order by created_at desc, id limit :limit offset :offset", nativeQuery = true)
    List<IntentEntity> slice(int offset, int limit);
}
