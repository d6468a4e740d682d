package dev.aiops.intelligence.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Chat-completions payloads in the OpenAI wire format (what vLLM, Ollama and OpenAI send): whole answers,
 * answers with {@code tool_calls}, and {@code text/event-stream} bodies of {@code chat.completion.chunk}
 * lines ending in {@code data: [DONE]}.
 */
public final class OpenAiWire {

    private OpenAiWire() {}

    public record Call(String id, String name, String arguments) {}

    public static String answer(String model, String content) {
        return """
                {"id": "chatcmpl-%s", "object": "chat.completion", "created": 1764403200, "model": "%s",
                 "system_fingerprint": "fp_vllm",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s, "tool_calls": []},
                   "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 412, "completion_tokens": 38, "total_tokens": 450}}
                """.formatted(Long.toHexString(System.nanoTime()), model, quote(content));
    }

    public static String toolCalls(String model, Call... calls) {
        List<String> parts = new ArrayList<>();
        for (Call call : calls) {
            parts.add("""
                    {"id": "%s", "type": "function", "function": {"name": "%s", "arguments": %s}}""".formatted(call.id(), call.name(), quote(call.arguments())));
        }
        return """
                {"id": "chatcmpl-%s", "object": "chat.completion", "created": 1764403200, "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": null,
                   "tool_calls": [%s]}, "logprobs": null, "finish_reason": "tool_calls"}],
                 "usage": {"prompt_tokens": 380, "completion_tokens": 22, "total_tokens": 402}}
                """.formatted(Long.toHexString(System.nanoTime()), model, String.join(",", parts));
    }

    /** A streamed plain answer, one chunk per piece of text. */
    public static String streamedAnswer(String model, String... pieces) {
        StringBuilder sse = new StringBuilder();
        sse.append(chunk(model, "{\"role\": \"assistant\", \"content\": \"\"}", null));
        for (String piece : pieces) {
            sse.append(chunk(model, "{\"content\": " + quote(piece) + "}", null));
        }
        sse.append(chunk(model, "{}", "stop"));
        sse.append("data: {\"id\": \"chatcmpl-s\", \"object\": \"chat.completion.chunk\", \"created\": 1764403200,"
                + " \"model\": \"" + model + "\", \"choices\": [], \"usage\": {\"prompt_tokens\": 300,"
                + " \"completion_tokens\": 12, \"total_tokens\": 312}}\n\n");
        sse.append("data: [DONE]\n\n");
        return sse.toString();
    }

    /**
     * A stream that breaks off mid-answer: the text pieces arrive, then a chunk whose JSON is cut short and
     * the end of the body, without a finish reason or {@code [DONE]} (a model server that crashed or a proxy
     * that cut the connection).
     */
    public static String streamBrokenAfter(String model, String... pieces) {
        StringBuilder sse = new StringBuilder();
        sse.append(chunk(model, "{\"role\": \"assistant\", \"content\": \"\"}", null));
        for (String piece : pieces) {
            sse.append(chunk(model, "{\"content\": " + quote(piece) + "}", null));
        }
        sse.append("data: {\"id\": \"chatcmpl-s\", \"object\": \"chat.completion.chunk\", \"choices\": [{\"ind\n\n");
        return sse.toString();
    }

    /** A streamed tool call whose arguments arrive split across several chunks, as models send them. */
    public static String streamedToolCall(String model, String id, String name, String... argumentPieces) {
        StringBuilder sse = new StringBuilder();
        sse.append(chunk(
                model,
                "{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"index\": 0, \"id\": \"" + id
                        + "\", \"type\": \"function\", \"function\": {\"name\": \"" + name
                        + "\", \"arguments\": \"\"}}]}",
                null));
        for (String piece : argumentPieces) {
            sse.append(chunk(
                    model,
                    "{\"tool_calls\": [{\"index\": 0, \"function\": {\"arguments\": " + quote(piece) + "}}]}",
                    null));
        }
        sse.append(chunk(model, "{}", "tool_calls"));
        sse.append("data: [DONE]\n\n");
        return sse.toString();
    }

    private static String chunk(String model, String delta, String finishReason) {
        return "data: {\"id\": \"chatcmpl-s\", \"object\": \"chat.completion.chunk\", \"created\": 1764403200,"
                + " \"model\": \"" + model + "\", \"choices\": [{\"index\": 0, \"delta\": " + delta
                + ", \"logprobs\": null, \"finish_reason\": "
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}\n\n";
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
