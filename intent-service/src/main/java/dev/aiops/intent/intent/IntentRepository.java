package dev.aiops.intent.intent;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface IntentRepository extends JpaRepository<IntentEntity, UUID> {}
