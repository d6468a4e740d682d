package dev.aiops.porch.porchapi;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.porch.generation.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI schemas of Porch's CRDs ({@code porch/crds/}, copied from kpt/Porch, Apache 2.0): PackageRevision
 * ({@code porch.kpt.dev/v1alpha2}), PackageVariant and Repository ({@code config.porch.kpt.dev/v1alpha1}); the
 * version is the one each CRD serves. An object is checked before it is sent, so a mistake is a
 * 400 naming the field here rather than a rejection (or, worse, a silent pruning of an unknown field) by the API
 * server. Stricter than the server on one point, on purpose: a field the schema does not declare is an error,
 * where Kubernetes would prune it without a word.
 */
final class PorchSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, String> FILES = Map.of(
            "PackageRevision", "porch/crds/porch.kpt.dev_packagerevisions.yaml",
            "PackageVariant", "porch/crds/config.porch.kpt.dev_packagevariants.yaml",
            "Repository", "porch/crds/config.porch.kpt.dev_repositories.yaml");

    private final Map<String, Schema> schemas;

    PorchSchemas() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        this.schemas =
                Map.copyOf(FILES.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> {
                    Schema schema = registry.getSchema(strict(openApiSchema(e.getValue())));
                    schema.initializeValidators();
                    return schema;
                })));
    }

    /** The violations of an object of one of the three kinds, empty when it is valid. */
    List<FieldViolation> validate(GenericKubernetesResource resource) {
        Schema schema = schemas.get(resource.getKind());
        if (schema == null) {
            return List.of(new FieldViolation("kind", "must be one of " + FILES.keySet()));
        }
        JsonNode instance = JSON.readTree(SERIALIZATION.asJson(resource));
        return schema.validate(instance).stream().map(PorchSchemas::toViolation).toList();
    }

    private static JsonNode openApiSchema(String file) {
        String yaml;
        try (InputStream in = new ClassPathResource(file).getInputStream()) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Porch CRD " + file + " is missing from the classpath", e);
        }
        List<String> documents = Manifests.documents(yaml);
        JsonNode crd = JSON.valueToTree(Manifests.toTree(documents.get(documents.size() - 1)));
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("served").asBoolean(false)
                    && version.path("schema").has("openAPIV3Schema")) {
                return version.path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalStateException("Porch CRD " + file + " serves no version with a schema");
    }

    /** Declared properties only: every object schema with properties and no additionalProperties is closed. */
    private static JsonNode strict(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties")
                    && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(entry -> strict(entry.getValue()));
        } else if (schema != null && schema.isArray()) {
            schema.forEach(PorchSchemas::strict);
        }
        return schema;
    }

    private static FieldViolation toViolation(Error error) {
        StringBuilder field = new StringBuilder();
        String location = error.getInstanceLocation().toString();
        if (location.startsWith("$")) {
            // JSONPath form: $.spec.injectors[0]
            field.append(location.substring(1).replaceFirst("^\\.", ""));
        } else {
            // JSON pointer form: /spec/injectors/0
            for (String segment : location.split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                String name = segment.replace("~1", "/").replace("~0", "~");
                if (name.chars().allMatch(Character::isDigit)) {
                    field.append('[').append(name).append(']');
                } else {
                    field.append(field.isEmpty() ? "" : ".").append(name);
                }
            }
        }
        if (error.getProperty() != null
                && ("required".equals(error.getKeyword()) || "additionalProperties".equals(error.getKeyword()))) {
            field.append(field.isEmpty() ? "" : ".").append(error.getProperty());
        }
        return new FieldViolation(field.isEmpty() ? "body" : field.toString(), error.getMessage());
    }
}
