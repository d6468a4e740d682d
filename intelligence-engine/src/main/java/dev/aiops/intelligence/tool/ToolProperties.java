package dev.aiops.intelligence.tool;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code aiops.intelligence.tools.*}.
 *
 * @param timeout wall-clock limit of one tool call, after which the model is told it timed out
 * @param connectTimeout connect timeout towards the registry, collector and intent service
 * @param resultMaxChars largest tool result (as JSON text) handed to the model; larger ones are cut
 * @param parallelism tool calls of one model answer run at most this many at a time
 */
@Validated
@ConfigurationProperties(prefix = "aiops.intelligence.tools")
record ToolProperties(
        @DefaultValue("15s") Duration timeout,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("8000") @Min(500) int resultMaxChars,
        @DefaultValue("4") @Min(1) int parallelism) {}
