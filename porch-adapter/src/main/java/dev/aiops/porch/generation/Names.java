package dev.aiops.porch.generation;

import java.util.regex.Pattern;

/** Kubernetes name rules the adapter checks before anything reaches git or a cluster. */
public final class Names {

    private static final Pattern DNS_1123_LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$");
    private static final Pattern LABEL_NAME = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");
    private static final Pattern CONFIG_KEY = Pattern.compile("^[-._a-zA-Z0-9]{1,253}$");

    private Names() {}

    /** RFC 1123 label: what Kubernetes requires of namespaces, service names and (here) package names. */
    public static boolean isDnsLabel(String value) {
        return value != null && DNS_1123_LABEL.matcher(value).matches();
    }

    /** A label key: optional DNS-1123 subdomain prefix and a name of at most 63 characters. */
    public static boolean isLabelKey(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253) {
                return false;
            }
            for (String part : prefix.split("\\.", -1)) {
                if (!isDnsLabel(part)) {
                    return false;
                }
            }
        }
        return LABEL_NAME.matcher(name).matches();
    }

    public static boolean isLabelValue(String value) {
        return value != null && LABEL_VALUE.matcher(value).matches();
    }

    public static boolean isConfigMapKey(String key) {
        return key != null && CONFIG_KEY.matcher(key).matches() && !key.equals(".") && !key.equals("..");
    }
}
