package dev.aiops.intelligence.chat;

import dev.aiops.intelligence.persona.Personas;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.intelligence.ChatMessage;
import dev.aiops.model.intelligence.ChatSession;
import dev.aiops.model.intelligence.ChatSessionRequest;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbox.Outbox;
import dev.aiops.platform.web.Pages;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions and their messages. A session is only ever looked up together with its owner, so another
 * user's session is indistinguishable from a missing one (404, never 403).
 */
@Service
class ChatSessionService {

    static final String SOURCE = "intelligence-engine";

    private final ChatSessionRepository sessions;
    private final ChatMessageRepository messages;
    private final Personas personas;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;

    ChatSessionService(
            ChatSessionRepository sessions,
            ChatMessageRepository messages,
            Personas personas,
            Outbox outbox,
            JsonMapper json,
            Clock clock) {
        this.sessions = sessions;
        this.messages = messages;
        this.personas = personas;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    ChatSession create(String userId, ChatSessionRequest request) {
        personas.get(request.personaId()); // 404 PERSONA_NOT_FOUND before anything is stored
        return sessions.save(ChatSessionEntity.open(userId, request, clock.instant()))
                .toView();
    }

    @Transactional(readOnly = true)
    PagedResponse<ChatSession> list(String userId, PageQuery paging) {
        return Pages.response(
                sessions.findByUserIdAndExpiresAtAfter(
                        userId, clock.instant(), Pages.pageable(paging, Sort.by(Sort.Order.desc("updatedAt")))),
                paging,
                ChatSessionEntity::toView);
    }

    @Transactional(readOnly = true)
    ChatSession get(String userId, UUID id) {
        return live(userId, id).toView();
    }

    @Transactional
    void delete(String userId, UUID id) {
        // deleting an expired session is allowed: it is the user's data either way
        sessions.delete(owned(userId, id));
    }

    @Transactional(readOnly = true)
    PagedResponse<ChatMessage> messages(String userId, UUID id, PageQuery paging) {
        live(userId, id);
        return Pages.response(
                messages.findBySessionIdOrderByPositionAsc(id, Pages.pageable(paging, Sort.unsorted())),
                paging,
                m -> m.toView(json));
    }

    /** What a turn starts from: the live session and its history, checked to have room for the turn. */
    @Transactional(readOnly = true)
    TurnStart start(String userId, UUID id, int messagesPerTurn) {
        ChatSessionEntity session = live(userId, id);
        if (!session.hasRoomFor(messagesPerTurn)) {
            throw new ApiException(
                    ErrorCode.SESSION_EXPIRED,
                    "Session " + id + " holds the maximum of " + ChatSession.MAX_MESSAGES
                            + " messages; start a new session");
        }
        return new TurnStart(session.toView(), messages.history(id));
    }

    /**
     * Stores the user's message and the answer together, so a turn that failed leaves nothing behind, and
     * announces both as CHAT_MESSAGE through the outbox.
     */
    @Transactional
    void finish(String userId, UUID id, String personaId, ChatMessage question, ChatMessage answer) {
        ChatSessionEntity session = live(userId, id);
        if (!session.hasRoomFor(2)) {
            throw new ApiException(ErrorCode.SESSION_EXPIRED, "Session " + id + " is full; start a new session");
        }
        session.titleIfUntitled(question.content());
        int position = session.append(2, personaId, clock.instant());
        messages.save(ChatMessageEntity.of(question, position, json));
        messages.save(ChatMessageEntity.of(answer, position + 1, json));
        sessions.saveAndFlush(session);
        for (ChatMessage message : List.of(question, answer)) {
            outbox.add(EventEnvelope.of(EventType.CHAT_MESSAGE, SOURCE, null, message), id.toString());
        }
    }

    private ChatSessionEntity live(String userId, UUID id) {
        ChatSessionEntity session = owned(userId, id);
        Instant now = clock.instant();
        if (session.isExpired(now)) {
            throw new ApiException(ErrorCode.SESSION_EXPIRED, "Session " + id + " has expired; start a new session");
        }
        return session;
    }

    private ChatSessionEntity owned(String userId, UUID id) {
        return sessions.findByIdAndUserId(id, userId)
                .orElseThrow(() -> new ApiException(ErrorCode.SESSION_NOT_FOUND, "No session with id " + id));
    }

    record TurnStart(ChatSession session, List<HistoryEntry> history) {}
}
