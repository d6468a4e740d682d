package dev.aiops.intelligence.chat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ChatSessionRepository extends JpaRepository<ChatSessionEntity, UUID> {

    Optional<ChatSessionEntity> findByIdAndUserId(UUID id, String userId);

    Page<ChatSessionEntity> findByUserIdAndExpiresAtAfter(String userId, Instant now, Pageable pageable);
}
