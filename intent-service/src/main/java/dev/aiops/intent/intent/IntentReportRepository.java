package dev.aiops.intent.intent;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface IntentReportRepository extends JpaRepository<IntentReportEntity, UUID> {

    List<IntentReportEntity> findByIntentIdOrderByCreatedAtAscIdAsc(UUID intentId);
}
