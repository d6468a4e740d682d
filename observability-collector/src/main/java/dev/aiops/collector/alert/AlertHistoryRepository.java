package dev.aiops.collector.alert;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface AlertHistoryRepository
        extends JpaRepository<AlertHistoryEntity, Long>, JpaSpecificationExecutor<AlertHistoryEntity> {}
