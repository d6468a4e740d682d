package dev.aiops.intelligence.analysis;

import dev.aiops.intelligence.chat.LanguageModels;
import dev.aiops.platform.error.ApiException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rewrites the template facts of an explanation or an analysis in an operator's words through the chat's model
 * chain, when a model is configured. The facts (what was seen, the ranked causes, their confidence) stay the
 * ranker's: the model is told to use only them, and anything going wrong leaves the template text in place.
 */
@Component
class ModelWriter {

    static final String SOURCE_MODEL = "LLM";
    static final String SOURCE_TEMPLATE = "TEMPLATE";

    private static final Logger log = LoggerFactory.getLogger(ModelWriter.class);

    private static final String SYSTEM = """
            You are the explanation writer of a telco fleet operations platform (Kubernetes clusters, 5G core and
            O-RAN functions). Rewrite the facts you are given as a short explanation for an on-call operator: what
            happened, the most likely cause and what to do first. Use only the facts given; do not invent metrics,
            objects or numbers. Plain text, at most 120 words, no markdown.""";

    private final LanguageModels models;
    private final AnalysisProperties properties;

    ModelWriter(LanguageModels models, AnalysisProperties properties) {
        this.models = models;
        this.properties = properties;
    }

    /** The model's text for these facts, empty when no model is configured, switched off or none answered. */
    Optional<Written> write(String facts) {
        if (!properties.modelExplanations().enabled() || !models.configured()) {
            return Optional.empty();
        }
        try {
            LanguageModels.Completion completion = models.complete(new LanguageModels.CompletionRequest(
                    SYSTEM, facts, null, properties.modelExplanations().maxTokens()));
            String text = completion.text() == null ? "" : completion.text().strip();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Written(text, completion.model()));
        } catch (ApiException e) {
            log.info("Explanation written from templates: {}", e.getMessage());
            return Optional.empty();
        }
    }

    record Written(String text, String model) {}
}
