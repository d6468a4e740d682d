package dev.aiops.intent.pipeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often acknowledged intents are looked for to be planned (besides at once when one is created), and how
 * many threads plan in parallel: planning asks cluster-registry over HTTP, and one slow answer must not hold
 * up every intent behind it.
 */
@ConfigurationProperties(prefix = "aiops.intent.pipeline")
record PipelineProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("2") int workers) {}
