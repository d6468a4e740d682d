package dev.aiops.intelligence.chat;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ChatMessageRepository extends JpaRepository<ChatMessageEntity, UUID> {

    Page<ChatMessageEntity> findBySessionIdOrderByPositionAsc(UUID sessionId, Pageable pageable);

    List<ChatMessageEntity> findBySessionIdOrderByPositionAsc(UUID sessionId);
}
