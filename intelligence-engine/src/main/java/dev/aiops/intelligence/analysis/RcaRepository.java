package dev.aiops.intelligence.analysis;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface RcaRepository extends JpaRepository<RcaEntity, UUID> {}
