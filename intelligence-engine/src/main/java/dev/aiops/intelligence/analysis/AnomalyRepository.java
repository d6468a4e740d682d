package dev.aiops.intelligence.analysis;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface AnomalyRepository extends JpaRepository<AnomalyEntity, UUID>, JpaSpecificationExecutor<AnomalyEntity> {}
