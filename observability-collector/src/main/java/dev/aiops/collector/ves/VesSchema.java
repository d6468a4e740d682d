package dev.aiops.collector.ves;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.aiops.model.error.FieldViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official VES Common Event Format 30.2.1 schema (listener versions 7.0 to 7.2.1), compiled once.
 * It is draft-04, where {@code format} is an annotation unless asked for: format assertions are switched
 * on so that {@code oamV4IpAddress} / {@code oamV6IpAddress} (ipv4 / ipv6) and {@code schemaReference}
 * (uri) are checked, as ONAP's collector does.
 */
@Component
class VesSchema {

    static final String RESOURCE = "ves/CommonEventFormat_30.2.1_ONAP.json";

    private final Schema schema;

    VesSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_4,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
        this.schema = registry.getSchema(SchemaLocation.of("classpath:" + RESOURCE), read(), InputFormat.JSON);
        schema.initializeValidators(); // resolve every $ref now, not on the first request
    }

    private static String read() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The VES schema is missing from the classpath", e);
        }
    }

    /**
     * Violations of one {@code event} object, with fields named from {@code prefix} (for example
     * {@code eventList[3]}); empty when the event is valid.
     */
    List<FieldViolation> validateEvent(JsonNode event, String prefix) {
        return schema.validate(wrap(event)).stream()
                .map(error -> toViolation(error, prefix))
                .toList();
    }

    private static JsonNode wrap(JsonNode event) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("event", event);
        return root;
    }

    private static FieldViolation toViolation(Error error, String prefix) {
        // instance locations are JSON pointers under the wrapper, e.g. /event/pnfRegistrationFields/oamV4IpAddress
        StringBuilder field = new StringBuilder(prefix);
        String[] segments = error.getInstanceLocation().toString().split("/");
        for (int i = 2; i < segments.length; i++) {
            String segment = segments[i].replace("~1", "/").replace("~0", "~");
            if (segment.chars().allMatch(Character::isDigit) && !segment.isEmpty()) {
                field.append('[').append(segment).append(']');
            } else {
                field.append('.').append(segment);
            }
        }
        if (error.getProperty() != null && "required".equals(error.getKeyword())) {
            field.append('.').append(error.getProperty());
        }
        return new FieldViolation(field.toString(), error.getMessage());
    }
}
