package dev.aiops.intent.parsing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code aiops.intent.parser.*}: how sentences become structured intents.
 *
 * @param llm the language-model parser, asked first when enabled; the rules parser answers whenever it cannot
 */
@Validated
@ConfigurationProperties(prefix = "aiops.intent.parser")
record ParserProperties(@Valid @DefaultValue Llm llm) {

    /**
     * @param enabled off by default: without it the rules parser answers alone and nothing calls the engine
     * @param service the platform service (its URL under {@code aiops.services.<name>.url}) whose {@code
     *     /internal/v1/llm/complete} runs the model chain
     * @param timeout the whole model parse, retry included; past it the rules parser answers (also the HTTP read
     *     timeout of each call)
     * @param connectTimeout connect timeout towards the engine
     * @param maxTokens limit on the tokens of the model's JSON answer
     * @param minConfidence below this share of the model's values found in the sentence (see {@code Grounding}) the
     *     model's answer counts as guessed and the rules parser answers instead
     * @param circuitBreaker when the model parser is skipped after failing
     */
    record Llm(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("intelligence-engine") @NotBlank String service,
            @DefaultValue("20s") Duration timeout,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("512") @Min(64) int maxTokens,

            @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0")
            double minConfidence,

            @Valid @DefaultValue CircuitBreaker circuitBreaker) {}

    /**
     * @param failureRateThreshold percentage of failed parses (errors, timeouts, output invalid twice) among the
     *     last {@code window} that opens it
     * @param window calls the failure rate is measured over (and the least before it can open)
     * @param openFor how long the open breaker sends every sentence straight to the rules parser
     */
    record CircuitBreaker(
            @DefaultValue("50") @Min(1) int failureRateThreshold,
            @DefaultValue("4") @Min(1) int window,
            @DefaultValue("60s") Duration openFor) {}
}
