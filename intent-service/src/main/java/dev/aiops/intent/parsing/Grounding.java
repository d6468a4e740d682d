package dev.aiops.intent.parsing;

import dev.aiops.model.intent.StructuredIntent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The confidence reported for a model's parse: the share of the values the model put in the intent that can be
 * found in the sentence itself. A language model reports no calibrated certainty of its own (and one it writes in
 * its answer would be a guess too), so this measures the one thing that can be checked: whether each site,
 * region, function and number was read from the text or made up, and whether the intent and service type have a
 * word in the text pointing at them. Synonyms the check does not know ("user plane" for UPF) lower it although the
 * model was right; it is a floor, not a probability.
 */
final class Grounding {

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");

    private static final Map<String, List<String>> TYPE_WORDS = Map.of(
            "deployment",
                    List.of(
                            "deploy",
                            "create",
                            "set",
                            "launch",
                            "roll",
                            "spin",
                            "bring",
                            "provision",
                            "need",
                            "want",
                            "start",
                            "install",
                            "add",
                            "stand"),
            "scaling",
                    List.of(
                            "scal",
                            "replica",
                            "instance",
                            "increase",
                            "decrease",
                            "add",
                            "remove",
                            "more",
                            "fewer",
                            "grow",
                            "shrink"),
            "configuration", List.of("config", "set", "change", "update", "adjust", "guarantee", "ensure", "limit"),
            "optimization", List.of("optimi", "improve", "reduce", "tune", "lower", "better", "minimi", "maximi"),
            "healing", List.of("heal", "repair", "fix", "restart", "recover", "restor"));

    private static final Map<String, List<String>> SERVICE_WORDS = Map.of(
            "EMBB", List.of("embb", "broadband", "bandwidth", "throughput", "mbps", "gbps", "video"),
            "URLLC", List.of("urllc", "low latency", "low-latency", "reliab", "critical"),
            "MMTC", List.of("mmtc", "iot", "machine", "devices", "sensors", "massive"));

    private static final Map<String, List<String>> FUNCTION_ALIASES = Map.of("Near-RT-RIC", List.of("ric"));

    private Grounding() {}

    static double score(StructuredIntent intent, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String squashed = squash(lower);
        List<Double> numbers = numbers(lower);
        List<Boolean> claims = new ArrayList<>();
        String type = intent.intentType().name().toLowerCase(Locale.ROOT);
        claims.add(TYPE_WORDS.get(type).stream().anyMatch(lower::contains));
        if (intent.serviceType() != null) {
            claims.add(SERVICE_WORDS.get(intent.serviceType().name()).stream().anyMatch(lower::contains));
        }
        for (String site : intent.targetSites()) {
            claims.add(squashed.contains(squash(site)));
        }
        if (intent.region() != null) {
            claims.add(squashed.contains(squash(intent.region())));
        }
        for (String function : intent.cnfFunctions()) {
            claims.add(squashed.contains(squash(function))
                    || FUNCTION_ALIASES.getOrDefault(function, List.of()).stream()
                            .anyMatch(alias -> squashed.contains(squash(alias))));
        }
        if (intent.replicas() != null) {
            claims.add(found(intent.replicas(), numbers) || intent.replicas() <= 2 && lower.contains("high"));
        }
        if (intent.replicasDelta() != null) {
            claims.add(found(Math.abs(intent.replicasDelta()), numbers)
                    || Math.abs(intent.replicasDelta()) == 1 && lower.matches(".*\\b(one|another|a)\\b.*"));
        }
        if (intent.sla() != null) {
            var sla = intent.sla();
            if (sla.bandwidthMbps() != null) {
                claims.add(found(sla.bandwidthMbps(), numbers));
            }
            if (sla.latencyMs() != null) {
                claims.add(found(sla.latencyMs(), numbers));
            }
            if (sla.devices() != null) {
                claims.add(found(sla.devices(), numbers));
            }
            if (sla.availability() != null) {
                claims.add(found(sla.availability(), numbers) || lower.contains("nines"));
            }
        }
        long grounded = claims.stream().filter(Boolean::booleanValue).count();
        return BigDecimal.valueOf((double) grounded / claims.size())
                .setScale(2, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** The number itself, or it in another unit (Gbps → Mbps, s → ms, µs → ms, k/M suffixes). */
    private static boolean found(double value, List<Double> numbers) {
        for (double n : numbers) {
            for (double factor : new double[] {1, 1000, 0.001, 1_000_000}) {
                if (Math.abs(n * factor - value) < 1e-6 * Math.max(1, Math.abs(value))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Double> numbers(String text) {
        List<Double> found = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            found.add(Double.parseDouble(m.group().replace(',', '.')));
        }
        return found;
    }

    private static String squash(String value) {
        return value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
