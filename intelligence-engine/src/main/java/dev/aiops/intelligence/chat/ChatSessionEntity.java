package dev.aiops.intelligence.chat;

import dev.aiops.model.intelligence.ChatSession;
import dev.aiops.model.intelligence.ChatSessionRequest;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "chat_session")
class ChatSessionEntity {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String userId;

    private String title;

    @Column(nullable = false)
    private String personaId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<UUID> clusterContext = new ArrayList<>();

    @Column(nullable = false)
    private int messageCount;

    @Version
    private Long version;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @Column(nullable = false)
    private Instant expiresAt;

    protected ChatSessionEntity() {}

    static ChatSessionEntity open(String userId, ChatSessionRequest request, Instant now) {
        ChatSessionEntity entity = new ChatSessionEntity();
        entity.id = UUID.randomUUID();
        entity.userId = userId;
        entity.title = request.title();
        entity.personaId = request.personaId();
        entity.clusterContext = new ArrayList<>(request.clusterContext());
        entity.createdAt = now;
        entity.updatedAt = now;
        entity.expiresAt = ChatSession.expiryOf(now, now);
        return entity;
    }

    boolean isExpired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** Room for {@code count} more messages within the session's limit. */
    boolean hasRoomFor(int count) {
        return messageCount + count <= ChatSession.MAX_MESSAGES;
    }

    /** Counts the messages of a finished turn and pushes the expiry out, within the 7-day cap. */
    int append(int count, String persona, Instant now) {
        int first = messageCount;
        messageCount += count;
        personaId = persona;
        updatedAt = now;
        expiresAt = ChatSession.expiryOf(createdAt, now);
        return first;
    }

    void titleIfUntitled(String text) {
        if (title == null) {
            title = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        }
    }

    UUID id() {
        return id;
    }

    String userId() {
        return userId;
    }

    String personaId() {
        return personaId;
    }

    List<UUID> clusterContext() {
        return clusterContext;
    }

    ChatSession toView() {
        return new ChatSession(
                id, userId, title, personaId, clusterContext, messageCount, createdAt, updatedAt, expiresAt);
    }
}
