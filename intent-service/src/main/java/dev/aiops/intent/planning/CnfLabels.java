package dev.aiops.intent.planning;

import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.intent.StructuredIntent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The labels a planned CNF carries, so closed-loop rules can select CNFs the Kubernetes way ({@code app=upf,tier
 * in (edge)}): what the function is and belongs to, where it runs, and the slice it serves. Values that are not
 * valid Kubernetes label values (a site named with spaces) are left out rather than mangled.
 */
final class CnfLabels {

    static final String APP = "app";
    static final String FAMILY = "function-family";
    static final String SITE = "site";
    static final String TIER = "tier";
    static final String SERVICE_TYPE = "service-type";

    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Set<String> CORE = Set.of("AMF", "SMF", "UPF", "NRF", "AUSF", "UDM", "PCF", "NSSF", "UDR");
    private static final Set<String> RAN = Set.of("O-DU", "O-CU-CP", "O-CU-UP", "O-RU", "GNB");

    private CnfLabels() {}

    static Map<String, String> of(String function, ClusterView cluster, String site, StructuredIntent intent) {
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, APP, function.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        put(labels, FAMILY, family(function));
        put(labels, SITE, site);
        if (cluster.clusterType() != null) {
            put(
                    labels,
                    TIER,
                    cluster.clusterType().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        if (intent.serviceType() != null) {
            put(labels, SERVICE_TYPE, intent.serviceType().name().toLowerCase(Locale.ROOT));
        }
        return labels;
    }

    /** The families porch-adapter's package templates use for {@code app.kubernetes.io/part-of}. */
    static String family(String function) {
        String upper = function.toUpperCase(Locale.ROOT);
        if (CORE.contains(upper)) {
            return "5g-core";
        }
        if (RAN.contains(upper)) {
            return "o-ran";
        }
        return upper.replace('_', '-').equals("NEAR-RT-RIC") ? "near-rt-ric" : null;
    }

    private static void put(Map<String, String> labels, String key, String value) {
        if (value != null && value.length() <= 63 && VALUE.matcher(value).matches()) {
            labels.put(key, value);
        }
    }
}
