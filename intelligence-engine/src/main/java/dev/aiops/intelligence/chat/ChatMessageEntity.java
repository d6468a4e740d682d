package dev.aiops.intelligence.chat;

import dev.aiops.model.intelligence.ChatMessage;
import dev.aiops.model.intelligence.MessageRole;
import dev.aiops.model.intelligence.ToolCall;
import dev.aiops.model.intelligence.ToolResult;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One stored message. Tool calls and results are kept as the JSON the API shows (snake_case records),
 * written with the application's mapper rather than Hibernate's, so the two can never disagree.
 */
@Entity
@Table(name = "chat_message")
class ChatMessageEntity implements Persistable<UUID> {

    private static final TypeReference<List<ToolCall>> CALLS = new TypeReference<>() {};
    private static final TypeReference<List<ToolResult>> RESULTS = new TypeReference<>() {};

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private UUID sessionId;

    @Column(nullable = false, updatable = false)
    private int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private MessageRole role;

    private String content;

    private String personaId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String toolCalls;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String toolResults;

    private String model;

    private Integer tokensUsed;

    private Long latencyMs;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    // The id is assigned before saving, so without this Spring Data would take every new message for an
    // existing one and merge it: a SELECT by id before each INSERT, two per turn.
    @Transient
    private boolean stored;

    protected ChatMessageEntity() {}

    @PostLoad
    @PostPersist
    void markStored() {
        stored = true;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return !stored;
    }

    static ChatMessageEntity of(ChatMessage message, int position, JsonMapper json) {
        ChatMessageEntity entity = new ChatMessageEntity();
        entity.id = message.id();
        entity.sessionId = message.sessionId();
        entity.position = position;
        entity.role = message.role();
        entity.content = message.content();
        entity.personaId = message.personaId();
        entity.toolCalls = json.writeValueAsString(message.toolCalls());
        entity.toolResults = json.writeValueAsString(message.toolResults());
        entity.model = message.model();
        entity.tokensUsed = message.tokensUsed();
        entity.latencyMs = message.latencyMs();
        entity.createdAt = message.createdAt();
        return entity;
    }

    ChatMessage toView(JsonMapper json) {
        return new ChatMessage(
                id,
                sessionId,
                role,
                content,
                personaId,
                json.readValue(toolCalls, CALLS),
                json.readValue(toolResults, RESULTS),
                model,
                tokensUsed,
                latencyMs,
                createdAt);
    }
}
