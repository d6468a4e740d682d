package dev.aiops.intent.pipeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How often acknowledged intents are looked for to be planned. */
@ConfigurationProperties(prefix = "aiops.intent.pipeline")
record PipelineProperties(@DefaultValue("500ms") Duration pollInterval) {}
