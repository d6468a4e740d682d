package dev.aiops.intelligence.chat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import reactor.core.publisher.Flux;

/**
 * The configured models in the order they are tried, each behind its own circuit breaker, all driven
 * through Spring AI's OpenAI chat model. Spring AI 2's model only returns the tool calls the model asked
 * for; executing them is the engine's job, so rounds, time limits, RBAC and SSE events stay in our hands.
 */
class ModelChain {

    private static final Logger log = LoggerFactory.getLogger(ModelChain.class);

    private final List<Slot> slots;

    ModelChain(List<Slot> slots) {
        this.slots = List.copyOf(slots);
    }

    static ModelChain of(ChatProperties properties, ObservationRegistry observations) {
        List<Slot> slots = new ArrayList<>();
        for (ChatProperties.Model model : properties.models()) {
            OpenAiChatModel chatModel = OpenAiChatModel.builder()
                    .options(OpenAiChatOptions.builder()
                            .baseUrl(model.baseUrl().toString())
                            .apiKey(model.apiKey())
                            .model(model.model())
                            .timeout(model.timeout())
                            .maxRetries(model.maxRetries())
                            .build())
                    .observationRegistry(observations)
                    .build();
            slots.add(new Slot(
                    model.name(), model.model(), chatModel, breaker(model.name(), properties.circuitBreaker())));
        }
        return new ModelChain(slots);
    }

    private static CircuitBreaker breaker(String name, ChatProperties.CircuitBreaker settings) {
        return CircuitBreaker.of(
                "llm-" + name,
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(settings.failureRateThreshold())
                        .slidingWindowSize(settings.window())
                        .minimumNumberOfCalls(settings.window())
                        .waitDurationInOpenState(settings.openFor())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    /**
     * Asks the first model that is not switched off by its breaker and answers; text arrives through
     * {@code listener} while streaming. A model that fails after it streamed some text is followed by
     * {@link TurnListener#contentReset()}: the client drops that partial text, the next answer replaces it.
     *
     * @throws NoModelAnswered when every model failed or was skipped
     */
    Reply ask(
            List<org.springframework.ai.chat.messages.Message> messages,
            List<ToolCallback> tools,
            int maxTokens,
            boolean streaming,
            TurnListener listener,
            TurnCancellation cancellation) {
        return ask(messages, tools, maxTokens, null, streaming, listener, cancellation);
    }

    /**
     * As {@link #ask(List, List, int, boolean, TurnListener, TurnCancellation)}; a {@code jsonSchema} asks the
     * model for JSON through OpenAI's {@code response_format: json_schema} (vLLM and Ollama honour it too; a
     * server that ignores it still gets the schema in the prompt from the caller).
     */
    Reply ask(
            List<org.springframework.ai.chat.messages.Message> messages,
            List<ToolCallback> tools,
            int maxTokens,
            String jsonSchema,
            boolean streaming,
            TurnListener listener,
            TurnCancellation cancellation) {
        for (Slot slot : slots) {
            if (!slot.breaker().tryAcquirePermission()) {
                log.debug("Model {} skipped: circuit open", slot.name());
                continue;
            }
            long started = System.nanoTime();
            AtomicBoolean streamedText = new AtomicBoolean();
            Consumer<String> deltas = text -> {
                streamedText.set(true);
                listener.contentDelta(text);
            };
            try {
                OpenAiChatOptions.Builder options = OpenAiChatOptions.builder()
                        .model(slot.model())
                        .maxTokens(maxTokens)
                        .toolCallbacks(tools)
                        .streamUsage(streaming);
                if (jsonSchema != null) {
                    options.responseFormat(OpenAiChatModel.ResponseFormat.builder()
                            .type(OpenAiChatModel.ResponseFormat.Type.JSON_SCHEMA)
                            .jsonSchema(jsonSchema)
                            .build());
                }
                Prompt prompt = new Prompt(messages, options.build());
                Reply reply = streaming ? stream(slot, prompt, deltas, cancellation) : call(slot, prompt);
                slot.breaker().onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return reply;
            } catch (TurnCancellation.Cancelled e) {
                slot.breaker().releasePermission();
                throw e;
            } catch (RuntimeException e) {
                slot.breaker().onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                log.warn("Model {} failed, trying the next in the chain: {}", slot.name(), e.toString());
                if (streamedText.get()) {
                    listener.contentReset();
                }
            }
        }
        throw new NoModelAnswered();
    }

    private Reply call(Slot slot, Prompt prompt) {
        ChatResponse response = slot.chatModel().call(prompt);
        Reply.Builder reply = new Reply.Builder(slot.name());
        reply.add(response);
        return reply.build();
    }

    private Reply stream(Slot slot, Prompt prompt, Consumer<String> deltas, TurnCancellation cancellation) {
        Reply.Builder reply = new Reply.Builder(slot.name());
        Flux<ChatResponse> flux = slot.chatModel().stream(prompt).takeUntilOther(cancellation.signal());
        flux.doOnNext(chunk -> {
                    String text = reply.add(chunk);
                    if (!text.isEmpty()) {
                        deltas.accept(text);
                    }
                })
                .blockLast();
        cancellation.throwIfCancelled();
        return reply.build();
    }

    record Slot(String name, String model, ChatModel chatModel, CircuitBreaker breaker) {}

    /** No model in the chain could answer. */
    static final class NoModelAnswered extends RuntimeException {
        NoModelAnswered() {
            super("No language model could answer", null, false, false);
        }
    }

    /** One model answer, merged from its stream chunks when streamed. */
    record Reply(String slot, String model, String text, List<AssistantMessage.ToolCall> toolCalls, Integer tokens) {

        static final class Builder {
            private final String slot;
            private final StringBuilder text = new StringBuilder();
            private final List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
            private String model;
            private Integer tokens;

            Builder(String slot) {
                this.slot = slot;
            }

            /** Adds a response or chunk, returning its new text. */
            String add(ChatResponse response) {
                if (response.getMetadata() != null) {
                    if (response.getMetadata().getModel() != null
                            && !response.getMetadata().getModel().isBlank()) {
                        model = response.getMetadata().getModel();
                    }
                    if (response.getMetadata().getUsage() != null
                            && response.getMetadata().getUsage().getTotalTokens() != null
                            && response.getMetadata().getUsage().getTotalTokens() > 0) {
                        tokens = response.getMetadata().getUsage().getTotalTokens();
                    }
                }
                String added = "";
                for (Generation generation : response.getResults()) {
                    AssistantMessage output = generation.getOutput();
                    if (output == null) {
                        continue;
                    }
                    if (output.getText() != null) {
                        added += output.getText();
                    }
                    for (AssistantMessage.ToolCall call : output.getToolCalls()) {
                        merge(call);
                    }
                }
                text.append(added);
                return added;
            }

            // a streamed call may arrive more than once (partial, then merged); the last one with an id wins
            private void merge(AssistantMessage.ToolCall call) {
                for (int i = 0; i < toolCalls.size(); i++) {
                    if (call.id() != null && call.id().equals(toolCalls.get(i).id())) {
                        toolCalls.set(i, call);
                        return;
                    }
                }
                toolCalls.add(call);
            }

            Reply build() {
                return new Reply(slot, model, text.toString(), List.copyOf(toolCalls), tokens);
            }
        }
    }
}
