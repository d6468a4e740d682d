package dev.aiops.intent.intent;

import dev.aiops.model.intent.IntentSource;
import dev.aiops.model.intent.IntentType;
import dev.aiops.model.intent.ParseInfo;
import dev.aiops.model.intent.ParseMethod;
import dev.aiops.model.intent.ServiceType;
import dev.aiops.model.intent.Sla;
import dev.aiops.model.intent.StructuredIntent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * RULE-BASED parser: recognises only the four sentence templates users are shown, with small variations
 * (case, "slice"/"service", units). It is the fallback for when no language model is configured or it is
 * too slow; the LLM parser (with a JSON schema) comes with the intelligence engine's chat work. Results
 * are marked {@code parse.method = rules}.
 *
 * <ul>
 *   <li>"Deploy eMBB on {site} with {bandwidth}" (optionally "and {latency} latency")
 *   <li>"Create URLLC service with {latency} latency" (optionally "on {site}")
 *   <li>"Setup mMTC for {devices} devices" (optionally "on {site}")
 *   <li>"Scale {function} on {site} to {n} replicas"
 * </ul>
 */
@Component
class RuleBasedIntentParser {

    /** How sure a template match is: the words fit, but rules cannot weigh what the user meant. */
    static final double CONFIDENCE = 0.9;

    static final List<String> TEMPLATES = List.of(
            "Deploy eMBB on {site} with {bandwidth}",
            "Create URLLC service with {latency} latency",
            "Setup mMTC for {devices} devices",
            "Scale {function} on {site} to {n} replicas");

    private static final String VERB = "(?:deploy|create|provision|setup|set up)\\s+(?:an?\\s+)?";
    private static final String KIND = "(?:\\s+(?:slice|service))?";
    private static final String SITE = "(?<site>[a-z0-9][a-z0-9-]{0,62})";
    private static final String ON_SITE = "\\s+(?:on|at|in)\\s+" + SITE;
    private static final String NUMBER = "\\d+(?:\\.\\d+)?";
    private static final String LATENCY = "(?<latency>" + NUMBER + ")\\s*ms(?:\\s+latency)?";
    private static final String END = "\\s*\\.?$";

    private static final Pattern EMBB = pattern("^" + VERB + "embb" + KIND + ON_SITE + "\\s+with\\s+(?<bandwidth>"
            + NUMBER + ")\\s*(?<unit>[kmg])bps(?:\\s+and\\s+" + LATENCY + ")?" + END);
    private static final Pattern URLLC =
            pattern("^" + VERB + "urllc" + KIND + "(?:" + ON_SITE + ")?\\s+with\\s+" + LATENCY + END);
    private static final Pattern MMTC = pattern("^" + VERB + "mmtc" + KIND + "(?:" + ON_SITE + ")?\\s+for\\s+"
            + "(?<devices>\\d[\\d,]*)\\s*(?<multiplier>k|m|thousand|million)?\\s+devices" + END);
    private static final Pattern SCALE = pattern("^scale\\s+(?<function>[a-z][a-z0-9-]{0,30})" + ON_SITE
            + "\\s+to\\s+(?<replicas>\\d{1,3})(?:\\s+replicas?)?" + END);

    // CNF names as operators spell them; anything else is upper-cased
    private static final Map<String, String> FUNCTIONS = Map.of(
            "o-du", "O-DU",
            "o-cu-cp", "O-CU-CP",
            "o-cu-up", "O-CU-UP",
            "near-rt-ric", "Near-RT-RIC");

    Optional<StructuredIntent> parse(String text) {
        String normalized = text.trim().replaceAll("\\s+", " ");
        Matcher m;
        if ((m = EMBB.matcher(normalized)).matches()) {
            double bandwidth = Double.parseDouble(m.group("bandwidth")) * mbpsPer(m.group("unit"));
            return Optional.of(intent(
                    IntentType.DEPLOYMENT,
                    ServiceType.EMBB,
                    site(m),
                    List.of(),
                    null,
                    new Sla(bandwidth, number(m.group("latency")), null, null)));
        }
        if ((m = URLLC.matcher(normalized)).matches()) {
            return Optional.of(intent(
                    IntentType.DEPLOYMENT,
                    ServiceType.URLLC,
                    site(m),
                    List.of(),
                    null,
                    new Sla(null, number(m.group("latency")), null, null)));
        }
        if ((m = MMTC.matcher(normalized)).matches()) {
            long devices = Long.parseLong(m.group("devices").replace(",", "")) * devicesPer(m.group("multiplier"));
            return Optional.of(intent(
                    IntentType.DEPLOYMENT,
                    ServiceType.MMTC,
                    site(m),
                    List.of(),
                    null,
                    new Sla(null, null, devices, null)));
        }
        if ((m = SCALE.matcher(normalized)).matches()) {
            return Optional.of(intent(
                    IntentType.SCALING,
                    null,
                    site(m),
                    List.of(function(m.group("function"))),
                    Integer.parseInt(m.group("replicas")),
                    null));
        }
        return Optional.empty();
    }

    private static StructuredIntent intent(
            IntentType type,
            ServiceType service,
            List<String> sites,
            List<String> functions,
            Integer replicas,
            Sla sla) {
        return new StructuredIntent(
                type,
                service,
                sites,
                functions,
                replicas,
                sla,
                IntentSource.USER,
                null,
                StructuredIntent.DEFAULT_PRIORITY,
                new ParseInfo(ParseMethod.RULES, CONFIDENCE));
    }

    private static List<String> site(Matcher m) {
        String site = m.group("site");
        return site == null ? List.of() : List.of(site.toLowerCase(Locale.ROOT));
    }

    private static String function(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return FUNCTIONS.getOrDefault(lower, lower.toUpperCase(Locale.ROOT));
    }

    private static Double number(String value) {
        return value == null ? null : Double.parseDouble(value);
    }

    private static double mbpsPer(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "k" -> 0.001;
            case "g" -> 1000;
            default -> 1;
        };
    }

    private static long devicesPer(String multiplier) {
        if (multiplier == null) {
            return 1;
        }
        return switch (multiplier.toLowerCase(Locale.ROOT)) {
            case "k", "thousand" -> 1_000;
            default -> 1_000_000;
        };
    }

    private static Pattern pattern(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }
}
