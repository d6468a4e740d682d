package dev.aiops.intent.parsing;

import dev.aiops.model.intent.IntentRequest;
import dev.aiops.model.intent.StructuredIntent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A dry run of {@code POST /api/v1/intents}: the same parser chain, nothing stored, nothing announced. It takes the
 * operator role like creating does, because it may spend model time.
 */
@RestController
@RequestMapping("/api/v1/intents/parse")
@PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
@Tag(name = "Intents", description = "Intents stated in plain words")
class ParseController {

    private final IntentParser parser;

    ParseController(IntentParser parser) {
        this.parser = parser;
    }

    @PostMapping
    @Operation(
            summary = "Parse a sentence as creating an intent would, without creating anything",
            description =
                    "Answers 200 either way: understood with the structured intent (parse.method says which"
                            + " parser answered: llm or rules), or not understood with what was recognised, what is missing and"
                            + " the words nothing understood; creating the same text would answer 422 INTENT_PARSE_FAILED then.")
    ParseView parse(@Valid @RequestBody IntentRequest request) {
        ParseOutcome outcome = parser.parse(request.text());
        return new ParseView(
                outcome.understood(),
                outcome.intent(),
                outcome.reason(),
                outcome.recognised(),
                outcome.missing(),
                outcome.unrecognised());
    }

    /** Answer of the dry run; {@code intent} is null when not understood, {@code reason} null when understood. */
    @JsonNaming(SnakeCaseStrategy.class)
    record ParseView(
            boolean understood,
            StructuredIntent intent,
            String reason,
            Map<String, Object> recognised,
            List<String> missing,
            List<String> unrecognised) {}
}
