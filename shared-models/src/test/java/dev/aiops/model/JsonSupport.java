package dev.aiops.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapper the contract tests use, set up as Spring Boot 4 sets up its auto-configured
 * {@code JsonMapper} when no {@code spring.jackson.*} property is set: Jackson 3's own defaults (instants
 * and durations as ISO-8601 strings, unknown properties ignored, null for a primitive rejected) plus the
 * modules found on the classpath. Boot only overrides those defaults with
 * {@code spring.jackson.use-jackson2-defaults=true}, which no service sets.
 */
public final class JsonSupport {

    public static final JsonMapper MAPPER =
            JsonMapper.builder().findAndAddModules().build();

    private static final Path ACTUAL_DIR = Path.of("target", "golden-actual");

    private JsonSupport() {}

    public static JsonNode tree(String json) {
        return MAPPER.readTree(json);
    }

    /** The JSON the mapper writes for {@code value}, as a tree for structural comparison. */
    public static JsonNode serialize(Object value) {
        return tree(MAPPER.writeValueAsString(value));
    }

    /**
     * The golden file {@code golden/{name}} from the test resources. When it is missing, the JSON the record
     * produces is written to {@code target/golden-actual/{name}} for review, and the test fails: a golden
     * file is the contract and is only ever added by hand.
     */
    public static String golden(String name, Object actual) {
        try (InputStream in = JsonSupport.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                Files.createDirectories(ACTUAL_DIR);
                Files.writeString(
                        ACTUAL_DIR.resolve(name),
                        MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(actual));
                throw new AssertionError("missing golden file golden/" + name + "; actual JSON written to "
                        + ACTUAL_DIR.resolve(name).toAbsolutePath());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
