package dev.aiops.porch.packages;

import dev.aiops.porch.generation.Manifests;
import dev.aiops.porch.generation.PackageGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Injects one site's values into a cloned package, as a PackageVariant does with its {@code packageContext}:
 * the {@code kptfile.kpt.dev} ConfigMap ({@code package-context.yaml}) gets the downstream's name, the site
 * and the site's config; the Kptfile's {@code info.site}, the set-labels site label and (when given) the
 * set-namespace namespace follow the site; the function's ConfigMap (the one carrying {@code data.site},
 * which apply-replacements copies into the container) gets the site and the config. Render afterwards makes
 * every manifest agree.
 */
final class SiteValues {

    static final String PACKAGE_CONTEXT = "package-context.yaml";
    private static final String LOCAL_CONFIG = "config.kubernetes.io/local-config";

    private SiteValues() {}

    static SortedMap<String, String> inject(
            SortedMap<String, String> files,
            String packageName,
            String site,
            String namespace,
            Map<String, String> config) {
        Map<String, String> values = config == null ? Map.of() : config;
        SortedMap<String, String> out = new TreeMap<>(files);
        out.put(PackageGenerator.KPTFILE, kptfile(files.get(PackageGenerator.KPTFILE), site, namespace));
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (file.getKey().equals(PackageGenerator.KPTFILE)
                    || !(file.getKey().endsWith(".yaml") || file.getKey().endsWith(".yml"))) {
                continue;
            }
            List<Object> documents = new ArrayList<>();
            boolean changed = false;
            for (String document : Manifests.documents(file.getValue())) {
                Map<String, Object> tree = Manifests.toTree(document);
                if (isSiteConfigMap(tree)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> data = (Map<String, Object>) tree.get("data");
                    data.putAll(values);
                    data.put("site", site);
                    changed = true;
                }
                documents.add(Manifests.typed(tree));
            }
            if (changed) {
                out.put(file.getKey(), Manifests.toYaml(documents));
            }
        }
        out.put(PACKAGE_CONTEXT, packageContext(packageName, site, values));
        return out;
    }

    private static boolean isSiteConfigMap(Map<String, Object> tree) {
        if (!"ConfigMap".equals(tree.get("kind"))
                || !(tree.get("data") instanceof Map<?, ?> data)
                || !data.containsKey("site")) {
            return false;
        }
        return !(tree.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("annotations") instanceof Map<?, ?> annotations
                && "true".equals(String.valueOf(annotations.get(LOCAL_CONFIG))));
    }

    @SuppressWarnings("unchecked")
    private static String kptfile(String text, String site, String namespace) {
        Map<String, Object> kptfile = Manifests.toTree(text);
        Map<String, Object> info = (Map<String, Object>) kptfile.computeIfAbsent("info", k -> new LinkedHashMap<>());
        Object oldSite = info.get("site");
        info.put("site", site);
        if (oldSite != null && info.get("description") instanceof String description) {
            info.put("description", description.replace("for site " + oldSite, "for site " + site));
        }
        if (info.get("keywords") instanceof List<?> keywords) {
            info.put(
                    "keywords",
                    keywords.stream()
                            .map(k -> String.valueOf(k).startsWith("site-") ? "site-" + site : k)
                            .toList());
        }
        if (kptfile.get("pipeline") instanceof Map<?, ?> pipeline && pipeline.get("mutators") instanceof List<?> fns) {
            for (Object fn : fns) {
                if (!(fn instanceof Map<?, ?> function)
                        || !(function.get("configMap") instanceof Map<?, ?> configMap)) {
                    continue;
                }
                String image = String.valueOf(function.get("image"));
                if (image.contains("set-labels") && configMap.containsKey(PackageGenerator.SITE_LABEL)) {
                    ((Map<String, Object>) configMap).put(PackageGenerator.SITE_LABEL, site);
                } else if (image.contains("set-namespace") && namespace != null) {
                    ((Map<String, Object>) configMap).put("namespace", namespace);
                }
            }
        }
        return Manifests.toYaml(Manifests.typed(kptfile));
    }

    private static String packageContext(String packageName, String site, Map<String, String> config) {
        Map<String, Object> data = new TreeMap<>(config);
        data.put("name", packageName);
        data.put("site", site);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "kptfile.kpt.dev");
        metadata.put("annotations", Map.of(LOCAL_CONFIG, "true"));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("apiVersion", "v1");
        tree.put("kind", "ConfigMap");
        tree.put("metadata", metadata);
        tree.put("data", data);
        return Manifests.toYaml(Manifests.typed(tree));
    }
}
