package dev.aiops.intelligence.chat;

import dev.aiops.intelligence.persona.Personas;
import dev.aiops.intelligence.tool.Caller;
import dev.aiops.model.intelligence.ChatMessage;
import dev.aiops.model.intelligence.ChatMessageRequest;
import dev.aiops.model.intelligence.MessageRole;
import dev.aiops.model.intelligence.Persona;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A turn from request to stored answer: checks the session (owner, expiry, room), picks the persona, lets
 * the engine answer, then stores question and answer together with their CHAT_MESSAGE events.
 */
class ChatTurns {

    private final ChatSessionService sessions;
    private final Personas personas;
    private final ConversationEngine engine;
    private final Clock clock;

    ChatTurns(ChatSessionService sessions, Personas personas, ConversationEngine engine, Clock clock) {
        this.sessions = sessions;
        this.personas = personas;
        this.engine = engine;
        this.clock = clock;
    }

    /** Checks everything that can refuse the turn as an HTTP error, before any SSE stream opens. */
    Turn prepare(Caller caller, UUID sessionId, ChatMessageRequest request) {
        ChatSessionService.TurnStart start = sessions.start(caller.userId(), sessionId, 2);
        String personaId = request.personaId() != null
                ? request.personaId()
                : start.session().personaId();
        return new Turn(caller, sessionId, request, start, personas.get(personaId));
    }

    /**
     * @param started told the id and persona of the answer before the model is asked (the SSE
     *     {@code message_start})
     */
    ChatMessage take(
            Turn turn,
            boolean streaming,
            Consumer<ChatMessage> started,
            TurnListener listener,
            TurnCancellation cancellation) {
        Caller caller = turn.caller();
        UUID sessionId = turn.sessionId();
        ChatMessageRequest request = turn.request();
        ChatSessionService.TurnStart start = turn.start();
        Persona persona = turn.persona();
        String personaId = persona.id();
        Instant askedAt = clock.instant();
        long t0 = System.nanoTime();
        ChatMessage question = new ChatMessage(
                UUID.randomUUID(),
                sessionId,
                MessageRole.USER,
                request.content(),
                personaId,
                List.of(),
                List.of(),
                null,
                null,
                null,
                askedAt);
        UUID answerId = UUID.randomUUID();
        started.accept(new ChatMessage(
                answerId,
                sessionId,
                MessageRole.ASSISTANT,
                "",
                personaId,
                List.of(),
                List.of(),
                null,
                null,
                null,
                askedAt));
        Answer answer = engine.answer(
                caller,
                start.session(),
                persona,
                start.history(),
                request.content(),
                streaming,
                listener,
                cancellation);
        cancellation.throwIfCancelled();
        ChatMessage stored = new ChatMessage(
                answerId,
                sessionId,
                MessageRole.ASSISTANT,
                answer.content(),
                personaId,
                answer.toolCalls(),
                answer.toolResults(),
                answer.model(),
                answer.tokens(),
                (System.nanoTime() - t0) / 1_000_000,
                clock.instant());
        sessions.finish(caller.userId(), sessionId, personaId, question, stored);
        return stored;
    }

    record Turn(
            Caller caller,
            UUID sessionId,
            ChatMessageRequest request,
            ChatSessionService.TurnStart start,
            Persona persona) {}
}
