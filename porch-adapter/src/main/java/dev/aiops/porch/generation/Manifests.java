package dev.aiops.porch.generation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one YAML writer and reader of package files. Every file goes through fabric8's typed model (or its
 * generic resource for kinds fabric8 does not know: Kptfile, NetworkAttachmentDefinition, function
 * configs) and is written by the same serializer, so a manifest read and written again is byte-identical
 * and git diffs show only real changes.
 */
public final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*(?:\\r?\\n|$)");

    private Manifests() {}

    /** One resource as YAML, without the leading document marker. */
    public static String toYaml(Object resource) {
        String yaml = SERIALIZATION.asYaml(resource);
        return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    }

    /** Several resources in one file, separated by {@code ---}. */
    public static String toYaml(List<?> resources) {
        StringBuilder out = new StringBuilder();
        for (Object resource : resources) {
            if (!out.isEmpty()) {
                out.append("---\n");
            }
            out.append(toYaml(resource));
        }
        return out.toString();
    }

    /** The documents of a YAML file, empty ones dropped. */
    public static List<String> documents(String yaml) {
        List<String> documents = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml, -1)) {
            if (!document.isBlank()
                    && !document.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** A document as a plain tree of maps and lists, for functions that edit arbitrary fields. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toTree(String document) {
        Object tree = SERIALIZATION.unmarshal(document, Map.class);
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a YAML mapping");
        }
        return (Map<String, Object>) map;
    }

    /**
     * The typed model of a resource tree: Deployment, Service and ConfigMap as fabric8 classes, any other
     * kind as a generic resource (which still requires apiVersion, kind and metadata).
     */
    public static HasMetadata typed(Map<String, Object> tree) {
        return SERIALIZATION.convertValue(tree, typeOf(tree.get("apiVersion"), tree.get("kind")));
    }

    public static HasMetadata parse(String document) {
        return typed(toTree(document));
    }

    static Class<? extends HasMetadata> typeOf(Object apiVersion, Object kind) {
        if ("apps/v1".equals(apiVersion) && "Deployment".equals(kind)) {
            return Deployment.class;
        }
        if ("v1".equals(apiVersion) && "Service".equals(kind)) {
            return Service.class;
        }
        if ("v1".equals(apiVersion) && "ConfigMap".equals(kind)) {
            return ConfigMap.class;
        }
        return GenericKubernetesResource.class;
    }
}
