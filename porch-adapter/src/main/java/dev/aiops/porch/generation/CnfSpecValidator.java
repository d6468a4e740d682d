package dev.aiops.porch.generation;

import dev.aiops.model.error.FieldViolation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a {@link CnfSpec} completely before anything is generated, so a bad spec is a 400 naming every
 * wrong field and nothing reaches git. Field names are the request's JSON paths under {@code prefix}.
 * Whether the site has a cluster is the planner's question, not checked here.
 */
public final class CnfSpecValidator {

    static final int MAX_REPLICAS = 100;
    static final int MAX_GPUS = 16;
    static final int MAX_INTERFACES = 8;
    static final Set<String> INTERFACE_TYPES = Set.of("sriov", "macvlan", "ipvlan", "host-device");
    private static final int MAX_CONFIG_BYTES = 512 * 1024;

    private CnfSpecValidator() {}

    public static List<FieldViolation> validate(CnfSpec spec, String prefix) {
        List<FieldViolation> violations = new ArrayList<>();
        if (spec == null) {
            violations.add(new FieldViolation(prefix, "must not be null"));
            return violations;
        }
        if (spec.function() == null || spec.function().isBlank()) {
            violations.add(new FieldViolation(prefix + ".function", "must not be blank"));
        } else if (CnfFunction.parse(spec.function()).isEmpty()) {
            violations.add(new FieldViolation(
                    prefix + ".function",
                    "unknown network function; one of AMF, SMF, UPF, NRF, AUSF, UDM, O-DU, O-CU-CP, O-CU-UP,"
                            + " Near-RT-RIC"));
        }
        if (!Names.isDnsLabel(spec.site())) {
            violations.add(new FieldViolation(prefix + ".site", "must be a DNS-1123 label (lower case, digits, '-')"));
        }
        if (spec.replicas() != null && (spec.replicas() < 1 || spec.replicas() > MAX_REPLICAS)) {
            violations.add(new FieldViolation(prefix + ".replicas", "must be between 1 and " + MAX_REPLICAS));
        }
        if (spec.namespace() != null && !Names.isDnsLabel(spec.namespace())) {
            violations.add(new FieldViolation(prefix + ".namespace", "must be a DNS-1123 label"));
        }
        if (spec.image() != null
                && (spec.image().isBlank()
                        || spec.image().length() > 512
                        || spec.image().contains(" "))) {
            violations.add(new FieldViolation(prefix + ".image", "must be a container image reference"));
        }
        CnfSpec.Resources resources = spec.resources();
        if (resources != null) {
            quantity(violations, prefix + ".resources.cpu", resources.cpu());
            quantity(violations, prefix + ".resources.memory", resources.memory());
            quantity(violations, prefix + ".resources.cpu_limit", resources.cpuLimit());
            quantity(violations, prefix + ".resources.memory_limit", resources.memoryLimit());
            quantity(violations, prefix + ".resources.hugepages_1gi", resources.hugepages1Gi());
            quantity(violations, prefix + ".resources.hugepages_2mi", resources.hugepages2Mi());
            if (resources.gpu() != null && (resources.gpu() < 0 || resources.gpu() > MAX_GPUS)) {
                violations.add(new FieldViolation(prefix + ".resources.gpu", "must be between 0 and " + MAX_GPUS));
            }
            if (resources.sriovResource() != null && !isExtendedResourceName(resources.sriovResource())) {
                violations.add(new FieldViolation(
                        prefix + ".resources.sriov_resource",
                        "must be an extended resource name like intel.com/sriov"));
            }
            if (Boolean.TRUE.equals(resources.dpdk())
                    && resources.hugepages1Gi() == null
                    && resources.hugepages2Mi() == null) {
                violations.add(new FieldViolation(
                        prefix + ".resources.dpdk", "DPDK needs hugepages: set hugepages_1gi or hugepages_2mi"));
            }
        }
        List<CnfSpec.NetworkInterface> interfaces = spec.interfaces() == null ? List.of() : spec.interfaces();
        if (interfaces.size() > MAX_INTERFACES) {
            violations.add(new FieldViolation(prefix + ".interfaces", "at most " + MAX_INTERFACES + " interfaces"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < interfaces.size(); i++) {
            CnfSpec.NetworkInterface nic = interfaces.get(i);
            String at = prefix + ".interfaces[" + i + "]";
            if (nic == null) {
                violations.add(new FieldViolation(at, "must not be null"));
                continue;
            }
            // eth0 is the pod network; the name also becomes part of the NetworkAttachmentDefinition's name
            if (!Names.isDnsLabel(nic.name())
                    || nic.name().length() > 15
                    || nic.name().equals("eth0")) {
                violations.add(new FieldViolation(
                        at + ".name", "must be a DNS-1123 label of at most 15 characters, not eth0"));
            } else if (!seen.add(nic.name())) {
                violations.add(new FieldViolation(at + ".name", "duplicate interface name"));
            }
            if (nic.type() == null || !INTERFACE_TYPES.contains(nic.type())) {
                violations.add(new FieldViolation(
                        at + ".type",
                        "must be one of " + INTERFACE_TYPES.stream().sorted().toList()));
            } else if (!nic.type().equals("sriov")
                    && (nic.master() == null || !nic.master().matches("^[a-zA-Z0-9._-]{1,15}$"))) {
                violations.add(
                        new FieldViolation(at + ".master", "a host interface name is required for " + nic.type()));
            }
            if (nic.subnet() != null && !isCidr(nic.subnet())) {
                violations.add(new FieldViolation(at + ".subnet", "must be an IPv4 or IPv6 CIDR"));
            }
        }
        Map<String, String> config = spec.config() == null ? Map.of() : spec.config();
        int bytes = 0;
        for (Map.Entry<String, String> entry : config.entrySet()) {
            if (!Names.isConfigMapKey(entry.getKey())) {
                violations.add(
                        new FieldViolation(prefix + ".config." + entry.getKey(), "is not a valid ConfigMap key"));
            }
            if (entry.getValue() == null) {
                violations.add(new FieldViolation(prefix + ".config." + entry.getKey(), "must not be null"));
            } else {
                bytes += entry.getValue().length();
            }
        }
        if (config.containsKey("site") || config.containsKey("function")) {
            violations.add(new FieldViolation(prefix + ".config", "site and function are set by the adapter"));
        }
        if (bytes > MAX_CONFIG_BYTES) {
            violations.add(
                    new FieldViolation(prefix + ".config", "must hold at most " + MAX_CONFIG_BYTES + " characters"));
        }
        Map<String, String> labels = spec.labels() == null ? Map.of() : spec.labels();
        for (Map.Entry<String, String> entry : labels.entrySet()) {
            if (!Names.isLabelKey(entry.getKey())) {
                violations.add(new FieldViolation(prefix + ".labels." + entry.getKey(), "is not a valid label key"));
            } else if (!Names.isLabelValue(entry.getValue())) {
                violations.add(new FieldViolation(prefix + ".labels." + entry.getKey(), "is not a valid label value"));
            }
        }
        return violations;
    }

    private static void quantity(List<FieldViolation> violations, String field, String value) {
        if (value == null) {
            return;
        }
        BigDecimal amount = Quantities.parse(value);
        if (amount == null) {
            violations.add(new FieldViolation(field, "must be a Kubernetes quantity such as 500m, 2Gi or 4"));
        } else if (amount.signum() <= 0) {
            violations.add(new FieldViolation(field, "must be greater than zero"));
        }
    }

    private static boolean isExtendedResourceName(String name) {
        int slash = name.indexOf('/');
        return slash > 0 && Names.isLabelKey(name) && !name.startsWith("kubernetes.io/");
    }

    private static boolean isCidr(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String address = value.substring(0, slash);
        int bits;
        try {
            bits = Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (address.matches("^(\\d{1,3}\\.){3}\\d{1,3}$")) {
            for (String part : address.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return bits >= 0 && bits <= 32;
        }
        return address.matches("^[0-9a-fA-F:]+$") && address.contains(":") && bits >= 0 && bits <= 128;
    }
}
