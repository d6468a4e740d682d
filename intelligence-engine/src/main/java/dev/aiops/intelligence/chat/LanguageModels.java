package dev.aiops.intelligence.chat;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * The chat's model chain (primary, secondary, ... each behind its circuit breaker) for one-shot completions
 * without tools or history: explanations, intent parsing. This is the chat feature's public face towards the
 * other packages, so there is one chain, one set of breakers and one configuration ({@code
 * aiops.intelligence.chat.models}); the chat's deterministic fallback assistant is not part of it.
 */
public final class LanguageModels {

    private final ModelChain chain;

    LanguageModels(ModelChain chain) {
        this.chain = chain;
    }

    /** Whether any model is configured (not whether one is up: that is only known by asking). */
    public boolean configured() {
        return !chain.isEmpty();
    }

    /**
     * Asks the first model whose breaker lets it through; a model that fails is recorded against its breaker and
     * the next one is asked.
     *
     * @throws ApiException MODEL_NOT_AVAILABLE (503) when none is configured or none answered
     */
    public Completion complete(CompletionRequest request) {
        if (chain.isEmpty()) {
            throw new ApiException(ErrorCode.MODEL_NOT_AVAILABLE, "No language model is configured");
        }
        List<Message> messages = new ArrayList<>();
        if (request.system() != null && !request.system().isBlank()) {
            messages.add(new SystemMessage(request.system()));
        }
        messages.add(new UserMessage(request.user()));
        long started = System.nanoTime();
        ModelChain.Reply reply;
        try {
            reply = chain.ask(
                    messages,
                    List.of(),
                    request.maxTokens(),
                    request.jsonSchema(),
                    false,
                    TurnListener.NONE,
                    TurnCancellation.never());
        } catch (ModelChain.NoModelAnswered e) {
            throw new ApiException(ErrorCode.MODEL_NOT_AVAILABLE, "No language model could answer");
        }
        return new Completion(
                reply.text(),
                reply.model() != null ? reply.model() : reply.slot(),
                reply.slot(),
                reply.tokens(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * @param system instructions; may be null
     * @param jsonSchema a JSON schema (as JSON text) the answer must follow, sent as {@code response_format}; null
     *     for free text
     */
    public record CompletionRequest(String system, String user, String jsonSchema, int maxTokens) {}

    /**
     * @param model the model's own name as the server reported it (else the configured slot)
     * @param slot the configured name of the chain entry that answered (primary, secondary, ...)
     * @param tokens total tokens the server counted, null when it did not say
     */
    public record Completion(String text, String model, String slot, Integer tokens, long latencyMs) {}
}
