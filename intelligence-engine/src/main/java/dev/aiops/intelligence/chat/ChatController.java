package dev.aiops.intelligence.chat;

import dev.aiops.intelligence.tool.Caller;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.intelligence.ChatMessage;
import dev.aiops.model.intelligence.ChatMessageRequest;
import dev.aiops.model.intelligence.ChatSession;
import dev.aiops.model.intelligence.ChatSessionRequest;
import dev.aiops.model.intelligence.ToolCall;
import dev.aiops.model.intelligence.ToolResult;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/chat/sessions")
@PreAuthorize("hasRole('VIEWER')")
@Tag(name = "Chat", description = "Conversations with the assistant, answered from the fleet's live data")
class ChatController {

    private static final Logger log = LoggerFactory.getLogger(ChatController.class);
    // longer than any turn can take (model timeout × rounds), so the stream never ends before its turn
    private static final long STREAM_TIMEOUT_MS = 10 * 60 * 1000L;

    private final ChatSessionService sessions;
    private final ChatTurns turns;
    private final ExecutorService streams;

    ChatController(ChatSessionService sessions, ChatTurns turns, ExecutorService chatStreamExecutor) {
        this.sessions = sessions;
        this.turns = turns;
        this.streams = chatStreamExecutor;
    }

    @PostMapping
    @Operation(summary = "Start a conversation")
    ResponseEntity<ChatSession> create(@Valid @RequestBody ChatSessionRequest request, Authentication user) {
        ChatSession session = sessions.create(user.getName(), request);
        return ResponseEntity.created(URI.create("/api/v1/chat/sessions/" + session.id()))
                .body(session);
    }

    @GetMapping
    @Operation(summary = "The caller's live conversations, most recently active first")
    PagedResponse<ChatSession> list(PageQuery paging, Authentication user) {
        return sessions.list(user.getName(), paging);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's conversations")
    ChatSession get(@PathVariable UUID id, Authentication user) {
        return sessions.get(user.getName(), id);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a conversation with its messages")
    ResponseEntity<Void> delete(@PathVariable UUID id, Authentication user) {
        sessions.delete(user.getName(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/messages")
    @Operation(summary = "The conversation's messages in order")
    PagedResponse<ChatMessage> messages(@PathVariable UUID id, PageQuery paging, Authentication user) {
        return sessions.messages(user.getName(), id, paging);
    }

    @PostMapping("/{id}/messages")
    @Operation(summary = "Send a message and wait for the whole answer")
    ChatMessage send(@PathVariable UUID id, @Valid @RequestBody ChatMessageRequest request, Authentication user) {
        ChatTurns.Turn turn = turns.prepare(Caller.of(user), id, request);
        return turns.take(turn, false, started -> {}, TurnListener.NONE, TurnCancellation.never());
    }

    @PostMapping(path = "/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            summary = "Send a message and receive the answer as server-sent events",
            description = "Events: message_start, tool_use, tool_result, content_delta, message_complete, error")
    SseEmitter stream(@PathVariable UUID id, @Valid @RequestBody ChatMessageRequest request, Authentication user) {
        ChatTurns.Turn turn = turns.prepare(Caller.of(user), id, request);
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        TurnCancellation cancellation = new TurnCancellation();
        emitter.onCompletion(cancellation::cancel); // also when the container saw the client leave
        emitter.onTimeout(cancellation::cancel);
        emitter.onError(e -> cancellation.cancel());
        Events events = new Events(emitter, cancellation);
        streams.execute(() -> {
            try {
                ChatMessage answer =
                        turns.take(turn, true, started -> events.send("message_start", started), events, cancellation);
                events.send("message_complete", answer);
                emitter.complete();
            } catch (TurnCancellation.Cancelled e) {
                log.debug("Chat stream of session {} cancelled by the client", id);
                emitter.complete();
            } catch (ApiException e) {
                events.error(e.code(), e.getMessage());
            } catch (RuntimeException e) {
                log.error("Chat turn of session {} failed", id, e);
                events.error(ErrorCode.INTERNAL_ERROR, "The answer failed; try again");
            }
        });
        return emitter;
    }

    /** Sends SSE events; a failed write means the client is gone, which cancels the turn. */
    private record Events(SseEmitter emitter, TurnCancellation cancellation) implements TurnListener {

        void send(String name, Object data) {
            if (cancellation.isCancelled()) {
                throw new TurnCancellation.Cancelled();
            }
            try {
                emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                cancellation.cancel();
                throw new TurnCancellation.Cancelled();
            }
        }

        void error(ErrorCode code, String message) {
            try {
                send("error", Map.of("code", code.name(), "message", message));
                emitter.complete();
            } catch (TurnCancellation.Cancelled gone) {
                emitter.complete();
            }
        }

        @Override
        public void toolUse(ToolCall call) {
            send("tool_use", call);
        }

        @Override
        public void toolResult(ToolResult result) {
            send("tool_result", result);
        }

        @Override
        public void contentDelta(String text) {
            send("content_delta", Map.of("delta", text));
        }

        // Within the contract's events: a content_delta with an empty delta and reset=true. The console (and
        // any client that only appends deltas) appends nothing and still ends with message_complete's content,
        // which is the stored answer; a client that honours reset clears the partial text at once.
        @Override
        public void contentReset() {
            send("content_delta", Map.of("delta", "", "reset", true));
        }
    }
}
