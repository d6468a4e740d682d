package dev.aiops.intent.intent;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The official TMF921 v4.0.1 Swagger (test resources, unchanged) as a JSON-schema validator: a body is
 * checked against one of its {@code definitions}, such as {@code Intent} or {@code Intent_Create}. Swagger
 * 2.0 definitions are JSON Schema draft 4.
 */
final class Tmf921Swagger {

    private static final JsonNode SWAGGER = load();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    private Tmf921Swagger() {}

    /** The violations of {@code body} against definition {@code name}; empty when it conforms. */
    static List<String> violations(String definition, JsonNode body) {
        ObjectNode root = ((ObjectNode) SWAGGER).deepCopy();
        root.put("$ref", "#/definitions/" + definition);
        Schema schema = REGISTRY.getSchema(SchemaLocation.of("https://tmf921.test/swagger.json"), root);
        return schema.validate(body).stream().map(Error::toString).toList();
    }

    static boolean hasDefinition(String name) {
        return SWAGGER.path("definitions").has(name);
    }

    /**
     * The definition the Swagger's client-side listener at {@code path} (e.g. {@code /listener/intentCreateEvent})
     * receives, or null when the Swagger has no such listener.
     */
    static String listenerDefinition(String path) {
        JsonNode ref = SWAGGER.path("paths")
                .path(path)
                .path("post")
                .path("parameters")
                .path(0)
                .path("schema")
                .path("$ref");
        return ref.isMissingNode() ? null : ref.asString().substring("#/definitions/".length());
    }

    private static JsonNode load() {
        try (InputStream in =
                Tmf921Swagger.class.getResourceAsStream("/specs/TMF921_IntentManagement_v4.0.1.swagger.yaml")) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
