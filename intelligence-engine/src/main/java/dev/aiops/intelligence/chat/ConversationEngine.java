package dev.aiops.intelligence.chat;

import dev.aiops.intelligence.tool.Caller;
import dev.aiops.intelligence.tool.ToolOutcome;
import dev.aiops.intelligence.tool.ToolSpec;
import dev.aiops.intelligence.tool.Tools;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.intelligence.ChatSession;
import dev.aiops.model.intelligence.MessageRole;
import dev.aiops.model.intelligence.Persona;
import dev.aiops.model.intelligence.ToolCall;
import dev.aiops.model.intelligence.ToolResult;
import dev.aiops.model.intelligence.ToolResultStatus;
import dev.aiops.platform.error.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One turn of a conversation: the persona's system prompt, the history that fits the token budget, the
 * user's message; then model answer → tool calls → results back to the model, for at most
 * {@code max-tool-rounds} rounds. When no model answers, the fallback assistant does (if enabled).
 */
class ConversationEngine {

    private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {};
    // rough but stable: ~4 characters per token for English and JSON, plus framing per message
    private static final int CHARS_PER_TOKEN = 4;
    private static final int TOKENS_PER_MESSAGE = 4;

    private final ModelChain models;
    private final FallbackAssistant fallback;
    private final Tools tools;
    private final ChatProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    ConversationEngine(
            ModelChain models,
            FallbackAssistant fallback,
            Tools tools,
            ChatProperties properties,
            JsonMapper json,
            Clock clock) {
        this.models = models;
        this.fallback = fallback;
        this.tools = tools;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    Answer answer(
            Caller caller,
            ChatSession session,
            Persona persona,
            List<HistoryEntry> history,
            String text,
            boolean streaming,
            TurnListener listener,
            TurnCancellation cancellation) {
        if (models.isEmpty()) {
            return fallbackOrFail(caller, text, listener);
        }
        List<ToolSpec> offered = tools.offered(caller, persona.capabilities());
        List<String> offeredNames = offered.stream().map(ToolSpec::name).toList();
        List<ToolCallback> callbacks =
                offered.stream().map(ConversationEngine::definitionOnly).toList();

        List<Message> conversation = new ArrayList<>();
        conversation.add(new SystemMessage(systemPrompt(persona, session)));
        conversation.addAll(trimmedHistory(history));
        conversation.add(new UserMessage(text));

        List<ToolCall> allCalls = new ArrayList<>();
        List<ToolResult> allResults = new ArrayList<>();
        int tokens = 0;
        String model = null;
        for (int round = 0; ; round++) {
            cancellation.throwIfCancelled();
            boolean toolsAllowed = round < properties.maxToolRounds() && !callbacks.isEmpty();
            ModelChain.Reply reply;
            try {
                reply = models.ask(
                        conversation,
                        toolsAllowed ? callbacks : List.of(),
                        properties.maxAnswerTokens(),
                        streaming,
                        listener,
                        cancellation);
            } catch (ModelChain.NoModelAnswered e) {
                return fallbackOrFail(caller, text, listener);
            }
            tokens += reply.tokens() == null ? 0 : reply.tokens();
            model = reply.model() != null ? reply.model() : reply.slot();
            if (reply.toolCalls().isEmpty() || !toolsAllowed) {
                return new Answer(reply.text(), allCalls, allResults, model, tokens == 0 ? null : tokens);
            }
            conversation.add(AssistantMessage.builder()
                    .content(reply.text())
                    .toolCalls(reply.toolCalls())
                    .build());
            List<ToolCall> calls = new ArrayList<>();
            Map<String, ToolResult> malformed = new LinkedHashMap<>();
            for (AssistantMessage.ToolCall raw : reply.toolCalls()) {
                ToolCall call = parse(raw, malformed);
                calls.add(call);
                listener.toolUse(call);
            }
            List<ToolCall> runnable =
                    calls.stream().filter(c -> !malformed.containsKey(c.id())).toList();
            List<ToolOutcome> outcomes = tools.execute(caller, runnable, offeredNames);
            Map<String, ToolOutcome> byId = new LinkedHashMap<>();
            for (int i = 0; i < runnable.size(); i++) {
                byId.put(runnable.get(i).id(), outcomes.get(i));
            }
            List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
            for (ToolCall call : calls) {
                ToolResult result;
                String forModel;
                if (malformed.containsKey(call.id())) {
                    result = malformed.get(call.id());
                    forModel = json.writeValueAsString(Map.of("status", "ERROR", "error", result.error()));
                } else {
                    ToolOutcome outcome = byId.get(call.id());
                    result = outcome.result();
                    forModel = outcome.modelText();
                }
                listener.toolResult(result);
                allCalls.add(call);
                allResults.add(result);
                responses.add(new ToolResponseMessage.ToolResponse(call.id(), call.name(), forModel));
            }
            conversation.add(ToolResponseMessage.builder().responses(responses).build());
        }
    }

    private Answer fallbackOrFail(Caller caller, String text, TurnListener listener) {
        if (!properties.fallbackEnabled()) {
            throw new ApiException(ErrorCode.MODEL_NOT_AVAILABLE, "No language model is available to answer");
        }
        Answer answer = fallback.answer(caller, text, listener);
        listener.contentDelta(answer.content()); // the stream shows it like a model's text, in one piece
        return answer;
    }

    private ToolCall parse(AssistantMessage.ToolCall raw, Map<String, ToolResult> malformed) {
        String arguments = raw.arguments() == null || raw.arguments().isBlank() ? "{}" : raw.arguments();
        try {
            return new ToolCall(raw.id(), raw.name(), json.readValue(arguments, ARGUMENTS));
        } catch (JacksonException e) {
            malformed.put(
                    raw.id(),
                    new ToolResult(
                            raw.id(), ToolResultStatus.ERROR, null, "the arguments were not a valid JSON object"));
            return new ToolCall(raw.id(), raw.name(), Map.of());
        }
    }

    private String systemPrompt(Persona persona, ChatSession session) {
        StringBuilder prompt = new StringBuilder(persona.systemPrompt());
        prompt.append("\n\nThe current time is ").append(clock.instant()).append(" (UTC).");
        if (!session.clusterContext().isEmpty()) {
            prompt.append(" The user is asking about the clusters with these ids: ")
                    .append(session.clusterContext())
                    .append('.');
        }
        return prompt.toString();
    }

    /**
     * Earlier turns as plain user and assistant text, whole turns only (a question with its answer), newest
     * kept first until the budget is spent: their tool results were for answers already given and would
     * crowd out the question at hand.
     */
    private List<Message> trimmedHistory(List<HistoryEntry> history) {
        List<List<HistoryEntry>> turns = new ArrayList<>();
        for (HistoryEntry message : history) {
            if (message.role() == MessageRole.USER || turns.isEmpty()) {
                turns.add(new ArrayList<>());
            }
            turns.get(turns.size() - 1).add(message);
        }
        List<Message> kept = new ArrayList<>();
        int budget = properties.historyTokenBudget();
        for (int i = turns.size() - 1; i >= 0; i--) {
            List<Message> turn = new ArrayList<>();
            int cost = 0;
            for (HistoryEntry message : turns.get(i)) {
                if (message.content() == null || message.content().isEmpty()) {
                    continue;
                }
                cost += estimateTokens(message.content());
                if (message.role() == MessageRole.USER) {
                    turn.add(new UserMessage(message.content()));
                } else if (message.role() == MessageRole.ASSISTANT) {
                    turn.add(new AssistantMessage(message.content()));
                }
            }
            if (cost > budget) {
                break;
            }
            budget -= cost;
            kept.addAll(0, turn);
        }
        return kept;
    }

    static int estimateTokens(String text) {
        return text.length() / CHARS_PER_TOKEN + TOKENS_PER_MESSAGE;
    }

    /** The model sees the tool; running it is the engine's job, never Spring AI's. */
    private static ToolCallback definitionOnly(ToolSpec spec) {
        ToolDefinition definition = ToolDefinition.builder()
                .name(spec.name())
                .description(spec.description())
                .inputSchema(spec.inputSchema())
                .build();
        return new ToolCallback() {
            @Override
            public ToolDefinition getToolDefinition() {
                return definition;
            }

            @Override
            public String call(String toolInput) {
                throw new IllegalStateException("Tools are executed by the conversation engine");
            }
        };
    }
}
