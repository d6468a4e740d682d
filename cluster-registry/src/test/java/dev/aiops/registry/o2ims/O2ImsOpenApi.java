package dev.aiops.registry.o2ims;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The O-RAN O2 IMS v2 OpenAPI (test resources, copied unchanged from {@code specs/o2ims}) as a JSON
 * Schema validator for real responses: a body is checked against the schema the spec gives for an
 * operation's status and content type. OpenAPI 3.0 schemas are (close to) JSON Schema draft 4; the
 * references into {@code ../../common/api/openapi.yaml} point at {@code common-openapi.yaml}.
 *
 * <p>Stricter than the spec in one way, to catch misnamed fields: objects the spec lists properties
 * for may carry no others (where the spec leaves {@code additionalProperties} unsaid). ProblemDetails is
 * exempt: RFC 9457 problems carry extension members ({@code code}, {@code trace_id}...).
 */
final class O2ImsOpenApi {

    private static final String COMMON_REF = "../../common/api/openapi.yaml#/components/";
    private static final Set<String> OPEN_SCHEMAS = Set.of("ProblemDetails");
    private static final JsonNode RESOURCES = load("resources-openapi.yaml");
    private static final JsonNode COMMON = load("common-openapi.yaml");
    private static final ObjectNode ROOT = root();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    private O2ImsOpenApi() {}

    /** Violations of a response {@code body} for {@code method path} answering {@code status}. */
    static List<String> responseViolations(String method, String pathTemplate, int status, JsonNode body) {
        JsonNode operation = operation(method, pathTemplate);
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            return List.of("the spec defines no " + status + " response for " + method + " " + pathTemplate);
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return List.of();
        }
        JsonNode schema = content.has("application/json")
                ? content.get("application/json").get("schema")
                : content.get("application/problem+json").get("schema");
        return validate(schema, body);
    }

    /** The media type the spec gives for {@code status}, e.g. {@code application/problem+json}. */
    static String responseMediaType(String method, String pathTemplate, int status) {
        JsonNode content = operation(method, pathTemplate)
                .path("responses")
                .path(Integer.toString(status))
                .path("content");
        return content.propertyNames().stream().findFirst().orElse(null);
    }

    /** Violations of {@code body} against schema {@code name} of the resources spec's components. */
    static List<String> schemaViolations(String name, JsonNode body) {
        return validate(ROOT.objectNode().put("$ref", "#/components/schemas/" + name), body);
    }

    /** Every operation as {@code METHOD path}, to prove each one was exercised. */
    static Set<String> operations() {
        Set<String> operations = new java.util.TreeSet<>();
        RESOURCES
                .get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .propertyNames()
                        .forEach(method ->
                                operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        return operations;
    }

    private static JsonNode operation(String method, String pathTemplate) {
        JsonNode operation = RESOURCES.path("paths").path(pathTemplate).path(method.toLowerCase(java.util.Locale.ROOT));
        if (operation.isMissingNode()) {
            throw new IllegalArgumentException("the spec has no operation " + method + " " + pathTemplate);
        }
        return operation;
    }

    private static List<String> validate(JsonNode schema, JsonNode body) {
        ObjectNode root = ROOT.deepCopy();
        root.set("x-target", rewrite(schema.deepCopy()));
        root.put("$ref", "#/x-target");
        Schema validator = REGISTRY.getSchema(SchemaLocation.of("https://o2ims.test/openapi.json"), root);
        return validator.validate(body).stream().map(Error::toString).toList();
    }

    private static ObjectNode root() {
        ObjectNode root = new YAMLMapper().createObjectNode();
        root.set("components", rewrite(RESOURCES.get("components").deepCopy()));
        root.set("common", local(rewrite(COMMON.get("components").deepCopy())));
        close(root.get("components").get("schemas"));
        close(root.get("common").get("schemas"));
        return root;
    }

    /** Points the common spec's references at its copy under {@code #/common/}. */
    private static JsonNode rewrite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith(COMMON_REF)) {
                object.put("$ref", "#/common/" + ref.asString().substring(COMMON_REF.length()));
            }
            object.properties().forEach(e -> rewrite(e.getValue()));
        } else if (node != null && node.isArray()) {
            node.forEach(O2ImsOpenApi::rewrite);
        }
        return node;
    }

    /** The common spec's references to its own components, moved under {@code #/common/} with them. */
    private static JsonNode local(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith("#/components/")) {
                object.put("$ref", "#/common/" + ref.asString().substring("#/components/".length()));
            }
            object.properties().forEach(e -> local(e.getValue()));
        } else if (node != null && node.isArray()) {
            node.forEach(O2ImsOpenApi::local);
        }
        return node;
    }

    private static void close(JsonNode schemas) {
        for (Map.Entry<String, JsonNode> entry : schemas.properties()) {
            if (!OPEN_SCHEMAS.contains(entry.getKey())) {
                closeObjects(entry.getValue());
            }
        }
    }

    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(e -> closeObjects(e.getValue()));
        } else if (node != null && node.isArray()) {
            node.forEach(O2ImsOpenApi::closeObjects);
        }
    }

    private static JsonNode load(String name) {
        try (InputStream in = O2ImsOpenApi.class.getResourceAsStream("/specs/o2ims/" + name)) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
