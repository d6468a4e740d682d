package dev.aiops.intent.parsing;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON schema the language model's answer must follow ({@code parsing/llm-intent.schema.json}), sent to the
 * model and checked against what comes back: the model's word is never trusted on its own.
 */
final class IntentSchema {

    static final String RESOURCE = "parsing/llm-intent.schema.json";

    private final JsonNode node;
    private final JsonNode forModel;
    private final Schema schema;
    private final JsonMapper json;

    IntentSchema(JsonMapper json) {
        this.json = json;
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            this.node = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The intent schema " + RESOURCE + " is missing from the classpath", e);
        }
        ObjectNode plain = ((ObjectNode) node).deepCopy();
        plain.remove(List.of("$schema", "$id", "allOf"));
        this.forModel = plain;
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(node);
        this.schema.initializeValidators();
    }

    /** The whole schema, as checked here. */
    JsonNode node() {
        return node;
    }

    /**
     * The schema sent as {@code response_format}: without the conditional rules ({@code allOf} with {@code
     * if/then}), which OpenAI's structured outputs and the guided decoding of vLLM do not all accept. The prompt
     * states those rules in words, and {@link #check} enforces them.
     */
    JsonNode forModel() {
        return forModel;
    }

    /** The answer as JSON when it follows the schema, else what is wrong with it. */
    Checked check(String answer) {
        JsonNode tree;
        try {
            tree = json.readTree(stripFences(answer));
        } catch (JacksonException e) {
            return new Checked(null, List.of("the answer is not JSON"));
        }
        if (tree == null || !tree.isObject()) {
            return new Checked(null, List.of("the answer is not a JSON object"));
        }
        List<String> errors =
                schema.validate(tree).stream().map(Error::toString).toList();
        return errors.isEmpty() ? new Checked(tree, List.of()) : new Checked(null, errors);
    }

    /** Models asked for JSON in the prompt alone sometimes wrap it in a markdown code fence. */
    private static String stripFences(String answer) {
        String text = answer == null ? "" : answer.strip();
        if (text.startsWith("```")) {
            text = text.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        return text;
    }

    record Checked(JsonNode intent, List<String> errors) {

        boolean valid() {
            return intent != null;
        }
    }
}
