package dev.aiops.intelligence.chat;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ChatMessageRepository extends JpaRepository<ChatMessageEntity, UUID> {

    Page<ChatMessageEntity> findBySessionIdOrderByPositionAsc(UUID sessionId, Pageable pageable);

    @Query("select new dev.aiops.intelligence.chat.HistoryEntry(m.role, m.content) from ChatMessageEntity m"
            + " where m.sessionId = :sessionId order by m.position")
    List<HistoryEntry> history(UUID sessionId);
}
