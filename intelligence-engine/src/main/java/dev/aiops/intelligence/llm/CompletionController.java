package dev.aiops.intelligence.llm;

import dev.aiops.intelligence.chat.LanguageModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * One-shot completions for the other platform services (the intent service's parser): the engine's model chain,
 * breakers and configuration, so no other service holds model URLs or keys. Only the platform's {@code service}
 * identity may call it, and the gateway does not route {@code /internal/**}: a user cannot spend model time
 * through it.
 */
@RestController
@RequestMapping("/internal/v1/llm")
@PreAuthorize("hasRole('SERVICE')")
@Tag(name = "Language model (service to service)")
class CompletionController {

    private final LanguageModels models;
    private final JsonMapper json;

    CompletionController(LanguageModels models, JsonMapper json) {
        this.models = models;
        this.json = json;
    }

    @PostMapping("/complete")
    @Operation(
            summary = "One completion from the first model of the chain that answers",
            description = "With json_schema the model is asked for JSON following it (OpenAI response_format"
                    + " json_schema); the text is returned as the model wrote it, unchecked: the caller validates.")
    @ApiResponse(responseCode = "503", description = "MODEL_NOT_AVAILABLE: no model configured or none answered")
    CompletionResponse complete(@Valid @RequestBody CompletionRequest request) {
        String schema = request.jsonSchema() == null ? null : json.writeValueAsString(request.jsonSchema());
        LanguageModels.Completion completion = models.complete(new LanguageModels.CompletionRequest(
                request.systemPrompt(), request.userPrompt(), schema, request.maxTokens()));
        return new CompletionResponse(
                completion.text(), completion.model(), completion.slot(), completion.tokens(), completion.latencyMs());
    }
}
