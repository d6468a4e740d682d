package dev.aiops.intent.parsing;

import dev.aiops.model.intent.IntentSource;
import dev.aiops.model.intent.ParseInfo;
import dev.aiops.model.intent.ParseMethod;
import dev.aiops.model.intent.StructuredIntent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses through the intelligence engine's model chain: the model is asked for JSON following {@link IntentSchema}
 * (as {@code response_format} and in the prompt), and its answer is checked against that schema here. An answer
 * that does not follow it is sent back once with what was wrong; a second bad answer is rejected with {@link
 * InvalidModelOutput}, and the caller ({@link ParserChain}) lets the rules parser answer. The model may also say it
 * did not understand the sentence, which is an answer, not a failure.
 *
 * <p>The confidence is the grounding of the model's values in the sentence ({@link Grounding}); below {@code
 * minConfidence} the parse counts as guessed and is refused like a sentence the model did not understand.
 */
class LlmIntentParser implements IntentParser {

    private static final Logger log = LoggerFactory.getLogger(LlmIntentParser.class);

    static final String SYSTEM = """
            You turn an operator's sentence about a telco fleet (5G core and O-RAN network functions on Kubernetes \
            clusters) into a structured intent. Answer with one JSON object following the JSON schema below, and \
            nothing else.
            - intent_type: deployment (deploy, create, set up a service or function), scaling (change the number of \
            replicas), configuration (change settings or targets of what runs), optimization, healing (repair, \
            restart).
            - service_type: eMBB (broadband, bandwidth), URLLC (low latency, reliability), mMTC (many IoT devices); \
            null when the sentence names none.
            - target_sites: site names exactly as written, lower case (edge1, far-edge-3); region: a region such as \
            us-west when the sentence targets a region instead of sites.
            - cnf_functions: the network functions named (UPF, SMF, AMF, O-DU, O-CU-CP, O-CU-UP, Near-RT-RIC, ...).
            - replicas: an absolute count ("to 5 replicas"); replicas_delta: a change ("by 2", "2 more", negative \
            for fewer).
            - sla: bandwidth_mbps (convert Gbps), latency_ms (convert s and µs), devices, availability in percent \
            (99.999 for five nines); null when the sentence states none.
            - priority 0-10 only when the sentence states one, else null.
            Never invent a value the sentence does not state: use null or an empty list. When the text is not a \
            request about this fleet, or lacks what the intent needs (a scaling without a count, a deployment \
            without a service type or function), answer understood=false with the reason, all other fields null \
            or empty.
            JSON schema:
            """;

    private final EngineClient engine;
    private final IntentSchema schema;
    private final JsonMapper json;
    private final int maxTokens;
    private final double minConfidence;

    LlmIntentParser(EngineClient engine, IntentSchema schema, JsonMapper json, int maxTokens, double minConfidence) {
        this.engine = engine;
        this.schema = schema;
        this.json = json;
        this.maxTokens = maxTokens;
        this.minConfidence = minConfidence;
    }

    /**
     * @throws InvalidModelOutput when the model's answer broke the schema twice
     * @throws RuntimeException when the engine could not be asked or no model answered
     */
    @Override
    public ParseOutcome parse(String text) {
        String system = SYSTEM + json.writeValueAsString(schema.forModel());
        String user = "Sentence: " + json.writeValueAsString(text);
        IntentSchema.Checked checked = schema.check(engine.complete(system, user, schema.forModel(), maxTokens));
        if (!checked.valid()) {
            log.info("Model answer broke the intent schema, asking once more: {}", checked.errors());
            String retry = user
                    + "\nYour previous answer was rejected because it does not follow the JSON schema: "
                    + String.join("; ", checked.errors())
                    + "\nAnswer again with one JSON object that follows the schema.";
            checked = schema.check(engine.complete(system, retry, schema.forModel(), maxTokens));
            if (!checked.valid()) {
                throw new InvalidModelOutput(checked.errors());
            }
        }
        return outcome(checked.intent(), text);
    }

    private ParseOutcome outcome(JsonNode answer, String text) {
        if (!answer.path("understood").asBoolean()) {
            return new ParseOutcome(
                    null,
                    Map.of(),
                    List.of(),
                    List.of(),
                    "the model did not understand it: " + answer.path("reason").asString(""));
        }
        ObjectNode fields = ((ObjectNode) answer).deepCopy();
        fields.remove("understood");
        fields.remove("reason");
        fields.put("source", "user");
        JsonNode sla = fields.path("sla");
        if (sla.isObject() && sla.valueStream().allMatch(JsonNode::isNull)) {
            fields.putNull("sla");
        }
        StructuredIntent read = json.treeToValue(fields, StructuredIntent.class);
        double confidence = Grounding.score(read, text);
        Map<String, Object> recognised = recognised(fields);
        if (confidence < minConfidence) {
            return new ParseOutcome(
                    null,
                    recognised,
                    List.of(),
                    List.of(),
                    "the model's reading is not supported by the sentence (confidence " + confidence + ")");
        }
        StructuredIntent intent = new StructuredIntent(
                read.intentType(),
                read.serviceType(),
                read.targetSites(),
                read.cnfFunctions(),
                read.replicas(),
                read.sla(),
                IntentSource.USER,
                null,
                read.priority(),
                new ParseInfo(ParseMethod.LLM, confidence),
                read.replicasDelta(),
                read.region());
        return new ParseOutcome(intent, recognised, List.of(), List.of(), null);
    }

    private Map<String, Object> recognised(ObjectNode fields) {
        Map<String, Object> found = new LinkedHashMap<>();
        for (var entry : fields.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isNull() && !(value.isArray() && value.isEmpty()) && !"source".equals(entry.getKey())) {
                found.put(entry.getKey(), json.treeToValue(value, Object.class));
            }
        }
        return found;
    }

    /** The model's answer broke the schema on both tries. */
    static final class InvalidModelOutput extends RuntimeException {
        InvalidModelOutput(List<String> errors) {
            super(
                    "The model's answer does not follow the intent schema: " + String.join("; ", errors),
                    null,
                    false,
                    false);
        }
    }
}
