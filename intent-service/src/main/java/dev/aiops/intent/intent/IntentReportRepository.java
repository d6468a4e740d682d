package dev.aiops.intent.intent;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface IntentReportRepository extends JpaRepository<IntentReportEntity, UUID> {

    boolean existsByIntentIdAndStage(UUID intentId, String stage);

    List<IntentReportEntity> findByIntentIdOrderByCreatedAtAscIdAsc(UUID intentId);
}
