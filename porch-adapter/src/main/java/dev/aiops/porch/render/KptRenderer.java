package dev.aiops.porch.render;

import dev.aiops.porch.generation.Manifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Runs a package's Kptfile pipeline in-process for the functions Porch itself runs without containers:
 * {@code set-labels}, {@code set-namespace} and {@code apply-replacements}. Anything else (other images,
 * {@code exec} functions, every validator we have no native copy of) is listed as NOT_RUN in the
 * {@link RenderStatus}, never silently skipped.
 *
 * <p>Local configuration (the Kptfile, function configs: {@code config.kubernetes.io/local-config}) is
 * not touched, as it never reaches a cluster. Differences from the container functions, kept on purpose:
 * set-labels leaves selectors alone (a Deployment's selector is immutable once applied), set-namespace
 * sets {@code metadata.namespace} of namespaced kinds only.
 */
public final class KptRenderer {

    private static final String LOCAL_CONFIG = "config.kubernetes.io/local-config";
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "ClusterRole",
            "ClusterRoleBinding",
            "CustomResourceDefinition",
            "StorageClass",
            "PersistentVolume",
            "PriorityClass",
            "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration",
            "SecurityContextConstraints");
    private static final Set<String> POD_TEMPLATE_KINDS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    private KptRenderer() {}

    /** The rendered files and what ran. Throws {@link RenderException} naming the file or function at fault. */
    public static Rendered render(SortedMap<String, String> files) {
        String kptfileText = files.get("Kptfile");
        List<Document> documents = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!isManifest(file.getKey())) {
                continue;
            }
            List<String> texts = Manifests.documents(file.getValue());
            for (int i = 0; i < texts.size(); i++) {
                Map<String, Object> tree;
                try {
                    tree = Manifests.toTree(texts.get(i));
                    Manifests.typed(tree); // must be a Kubernetes object
                } catch (RuntimeException e) {
                    throw new RenderException(
                            "resources." + file.getKey(),
                            "document " + (i + 1) + " is not a Kubernetes resource in YAML");
                }
                documents.add(new Document(file.getKey(), i, tree));
            }
        }
        List<RenderStatus.FunctionResult> results = new ArrayList<>();
        if (kptfileText != null) {
            Map<String, Object> kptfile;
            try {
                kptfile = Manifests.toTree(kptfileText);
            } catch (RuntimeException e) {
                throw new RenderException("resources.Kptfile", "is not valid YAML");
            }
            Map<String, Object> pipeline = Trees.map(kptfile.get("pipeline"));
            List<Object> mutators = Trees.list(pipeline == null ? null : pipeline.get("mutators"));
            for (int i = 0; i < mutators.size(); i++) {
                results.add(mutate(Trees.map(mutators.get(i)), "pipeline.mutators[" + i + "]", documents, files));
            }
            for (Object validator : Trees.list(pipeline == null ? null : pipeline.get("validators"))) {
                Map<String, Object> fn = Trees.map(validator);
                results.add(new RenderStatus.FunctionResult(
                        "validator",
                        name(fn),
                        RenderStatus.Outcome.NOT_RUN,
                        "needs a container runtime; not run here"));
            }
        }
        SortedMap<String, String> out = new TreeMap<>(files);
        Map<String, List<Object>> byFile = new LinkedHashMap<>();
        for (Document document : documents) {
            byFile.computeIfAbsent(document.file(), f -> new ArrayList<>()).add(Manifests.typed(document.tree()));
        }
        byFile.forEach((file, resources) -> out.put(file, Manifests.toYaml(resources)));
        boolean complete = results.stream().allMatch(r -> r.outcome() == RenderStatus.Outcome.APPLIED);
        return new Rendered(out, new RenderStatus(complete, results));
    }

    public record Rendered(SortedMap<String, String> files, RenderStatus status) {}

    private record Document(String file, int index, Map<String, Object> tree) {

        boolean isLocalConfig() {
            Map<String, Object> annotations = Trees.map(Trees.at(tree, "metadata", "annotations"));
            return annotations != null && "true".equals(String.valueOf(annotations.get(LOCAL_CONFIG)));
        }

        String kind() {
            return String.valueOf(tree.get("kind"));
        }
    }

    private static boolean isManifest(String file) {
        return !file.equals("Kptfile") && (file.endsWith(".yaml") || file.endsWith(".yml"));
    }

    private static String name(Map<String, Object> fn) {
        if (fn == null) {
            return "?";
        }
        Object image = fn.get("image");
        return image != null ? image.toString() : "exec:" + fn.get("exec");
    }

    /** {@code gcr.io/kpt-fn/set-labels:v0.2.0} → {@code set-labels}. */
    static String builtinName(Object image) {
        if (image == null) {
            return null;
        }
        String name = image.toString();
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int slash = name.lastIndexOf('/');
        name = name.substring(slash + 1);
        int colon = name.indexOf(':');
        return colon >= 0 ? name.substring(0, colon) : name;
    }

    private static RenderStatus.FunctionResult mutate(
            Map<String, Object> fn, String field, List<Document> documents, Map<String, String> files) {
        String builtin = fn == null ? null : builtinName(fn.get("image"));
        if (builtin == null
                || !Set.of("set-labels", "set-namespace", "apply-replacements").contains(builtin)) {
            return new RenderStatus.FunctionResult(
                    "mutator", name(fn), RenderStatus.Outcome.NOT_RUN, "needs a container runtime; not run here");
        }
        Map<String, Object> config = config(fn, field, files);
        switch (builtin) {
            case "set-labels" -> {
                Map<String, Object> labels = Trees.map(config.get("data"));
                if (labels == null) {
                    labels = new TreeMap<>(config);
                    labels.remove("apiVersion");
                    labels.remove("kind");
                    labels.remove("metadata");
                }
                for (Document document : documents) {
                    if (document.isLocalConfig()) {
                        continue;
                    }
                    setLabels(document.tree(), labels);
                    if (POD_TEMPLATE_KINDS.contains(document.kind())) {
                        Map<String, Object> template = Trees.map(Trees.at(document.tree(), "spec", "template"));
                        if (template != null) {
                            setLabels(template, labels);
                        }
                    }
                }
            }
            case "set-namespace" -> {
                Map<String, Object> data = Trees.map(config.get("data"));
                Object namespace = data != null ? data.get("namespace") : config.get("namespace");
                if (namespace == null) {
                    throw new RenderException(field, "set-namespace needs a namespace in its config");
                }
                for (Document document : documents) {
                    if (!document.isLocalConfig() && !CLUSTER_SCOPED.contains(document.kind())) {
                        Trees.ensureMap(document.tree(), "metadata").put("namespace", namespace.toString());
                    }
                }
            }
            default ->
                Replacements.apply(
                        Trees.list(config.get("replacements")),
                        field,
                        documents.stream()
                                .filter(d -> !d.isLocalConfig())
                                .map(Document::tree)
                                .toList());
        }
        return new RenderStatus.FunctionResult("mutator", name(fn), RenderStatus.Outcome.APPLIED, null);
    }

    private static void setLabels(Map<String, Object> resource, Map<String, Object> labels) {
        Map<String, Object> current = Trees.ensureMap(Trees.ensureMap(resource, "metadata"), "labels");
        // sorted, so the same labels always give the same file whatever order they were set in
        Map<String, Object> merged = new TreeMap<>(current);
        labels.forEach((k, v) -> merged.put(k, String.valueOf(v)));
        current.clear();
        current.putAll(merged);
    }

    private static Map<String, Object> config(Map<String, Object> fn, String field, Map<String, String> files) {
        Map<String, Object> inline = Trees.map(fn.get("configMap"));
        if (inline != null) {
            return Map.of("data", inline);
        }
        Object path = fn.get("configPath");
        if (path == null) {
            throw new RenderException(field, "needs configMap or configPath");
        }
        String text = files.get(path.toString());
        if (text == null) {
            throw new RenderException(field, "configPath " + path + " is not in the package");
        }
        try {
            return Manifests.toTree(text);
        } catch (RuntimeException e) {
            throw new RenderException("resources." + path, "is not valid YAML");
        }
    }
}
