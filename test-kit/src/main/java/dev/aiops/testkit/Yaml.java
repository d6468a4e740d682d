package dev.aiops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Just enough YAML for the generated configurations: fixed structure and single-quoted scalars. */
final class Yaml {

    private Yaml() {}

    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
