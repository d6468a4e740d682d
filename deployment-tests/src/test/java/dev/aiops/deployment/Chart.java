package dev.aiops.deployment;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The chart under test, rendered and linted by Helm's own engine (helm-java runs the Go library in the JVM). */
final class Chart {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path DIR = REPO.resolve("charts/aiops-nextgen");
    static final Path REQUIRED_VALUES = DIR.resolve("ci/required-values.yaml");
    static final Path OPENSHIFT_VALUES = DIR.resolve("ci/openshift-values.yaml");

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Chart() {}

    static String template(Path... valuesFiles) {
        var command = new Helm(DIR).template().withName("aiops").withNamespace("aiops");
        for (Path values : valuesFiles) {
            command = command.withValuesFile(values);
        }
        return command.call();
    }

    private static final Map<List<Path>, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    /**
     * Every rendered document as a typed fabric8 object (kinds the model does not know stay generic). Renders
     * once per set of values files: the chart does not change while the tests run.
     */
    static List<HasMetadata> render(Path... valuesFiles) {
        return RENDERED.computeIfAbsent(List.of(valuesFiles), files -> parse(template(valuesFiles)));
    }

    private static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
        }
        return List.copyOf(objects);
    }

    /**
     * helm lint reads only the chart's own values.yaml, so lint a copy whose values.yaml is the chart's
     * defaults overlaid with {@code overlays} (what `helm lint -f` would use).
     */
    static LintResult lint(Path... overlays) {
        try {
            Path copy = Files.createTempDirectory("chart-lint").resolve("aiops-nextgen");
            copyTree(DIR, copy);
            Map<String, Object> values = readYaml(DIR.resolve("values.yaml"));
            for (Path overlay : overlays) {
                values = merge(values, readYaml(overlay));
            }
            Files.writeString(copy.resolve("values.yaml"), SERIALIZATION.asYaml(values));
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readYaml(Path file) throws IOException {
        Map<String, Object> map = SERIALIZATION.unmarshal(Files.readString(file), Map.class);
        return map == null ? new LinkedHashMap<>() : map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested && merged.get(key) instanceof Map<?, ?> existing) {
                merged.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) nested));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
