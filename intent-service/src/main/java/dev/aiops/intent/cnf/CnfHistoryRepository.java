package dev.aiops.intent.cnf;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CnfHistoryRepository extends JpaRepository<CnfHistoryEntity, Long> {

    List<CnfHistoryEntity> findByCnfIdOrderByIdAsc(UUID cnfId);
}
