package dev.aiops.intent.parsing;

import dev.aiops.model.intent.StructuredIntent;
import java.util.List;
import java.util.Map;

/**
 * What a parser made of a sentence: either an {@code intent}, or null with the reason. {@code recognised}
 * holds the slots that were understood (field name → value, as the API names them) either way, so a
 * refusal can tell the operator what to add; {@code missing} names the fields the sentence lacks and
 * {@code unrecognised} the words nothing understood.
 */
public record ParseOutcome(
        StructuredIntent intent,
        Map<String, Object> recognised,
        List<String> missing,
        List<String> unrecognised,
        String reason) {

    public ParseOutcome {
        recognised = Map.copyOf(recognised);
        missing = List.copyOf(missing);
        unrecognised = List.copyOf(unrecognised);
    }

    public boolean understood() {
        return intent != null;
    }
}
