package dev.aiops.intelligence.chat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code aiops.intelligence.chat.*}: the models in the order they are tried, then (if enabled) the
 * deterministic fallback assistant.
 *
 * @param models OpenAI-compatible chat-completions endpoints (vLLM, Ollama, OpenAI), primary first; empty
 *     means the fallback answers everything
 * @param fallbackEnabled whether the fallback assistant ends the chain; without it a turn no model can
 *     answer fails with 503 MODEL_NOT_AVAILABLE
 * @param maxToolRounds model answers with tool calls per turn; after that the model must answer in words
 * @param historyTokenBudget estimated tokens of earlier conversation sent along (newest kept first)
 * @param maxAnswerTokens limit on the tokens of one model answer
 * @param circuitBreaker when a model is skipped after failing
 */
@Validated
@ConfigurationProperties(prefix = "aiops.intelligence.chat")
record ChatProperties(
        @Valid List<Model> models,
        @DefaultValue("true") boolean fallbackEnabled,
        @DefaultValue("5") @Min(1) int maxToolRounds,
        @DefaultValue("6000") @Min(200) int historyTokenBudget,
        @DefaultValue("1024") @Min(16) int maxAnswerTokens,
        @Valid @DefaultValue CircuitBreaker circuitBreaker) {

    ChatProperties {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /**
     * @param baseUrl the API root including its version path, e.g. {@code http://vllm:8000/v1}
     * @param apiKey sent as bearer token; local servers (vLLM, Ollama) accept any value
     * @param maxRetries retries of the OpenAI client itself (429 with Retry-After, 5xx, timeouts)
     */
    record Model(
            @NotBlank String name,
            @NotNull URI baseUrl,
            @NotBlank String model,
            @DefaultValue("none") String apiKey,
            @DefaultValue("60s") Duration timeout,
            @DefaultValue("1") @Min(0) int maxRetries) {}

    /**
     * @param failureRateThreshold percentage of failed calls among the last {@code window} that opens it
     * @param openFor how long an open breaker skips the model before trying it again
     */
    record CircuitBreaker(
            @DefaultValue("50") @Min(1) int failureRateThreshold,
            @DefaultValue("4") @Min(1) int window,
            @DefaultValue("30s") Duration openFor) {}
}
