package dev.aiops.intent.parsing;

import dev.aiops.model.intent.IntentSource;
import dev.aiops.model.intent.IntentType;
import dev.aiops.model.intent.ParseInfo;
import dev.aiops.model.intent.ParseMethod;
import dev.aiops.model.intent.ServiceType;
import dev.aiops.model.intent.Sla;
import dev.aiops.model.intent.StructuredIntent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The parser that needs no language model: a tokenizer and a grammar of slots rather than one pattern per
 * sentence template. The text is normalised (case, synonyms such as "enhanced mobile broadband", units
 * glued to numbers), split into tokens, and each slot (action, service type, functions, sites, region,
 * quantities with their units) claims the tokens it understands, wherever they stand in the sentence.
 *
 * <p>The confidence it reports is the share of the sentence's content words (fillers such as "please" or
 * "I need" aside) that some slot claimed. A sentence is refused, never guessed, when an intent's
 * required slots are missing or when less than {@link #MIN_CONFIDENCE} of it was understood, which is
 * what keeps greetings, nonsense and requests outside the domain out.
 */
@Component
class RulesIntentParser implements IntentParser {

    /** Below this share of understood content words the sentence is refused, whatever slots matched. */
    static final double MIN_CONFIDENCE = 0.7;

    /** "with high availability" asks for at least this many replicas. */
    static final int HA_REPLICAS = 2;

    // Multi-word phrases rewritten to one token before splitting; order matters (longest first).
    private static final List<Rewrite> PHRASES = List.of(
            new Rewrite("enhanced[- ]mobile[- ]broad[- ]?band", " embb "),
            new Rewrite("\\be[- ]mbb\\b", " embb "),
            new Rewrite("mobile[- ]broad[- ]?band", " embb "),
            new Rewrite("ultra[- ]reliable(?:[- ]and)?[- ]low[- ]latency(?:[- ]communications?)?", " urllc "),
            new Rewrite("ultra[- ]low[- ]latency", " urllc "),
            new Rewrite(
                    "massive[- ](?:iot|internet[- ]of[- ]things|machine[- ]type(?:[- ]communications?)?)", " mmtc "),
            new Rewrite("near[- ]?real[- ]?time[- ]ric|near[- ]?rt[- ]?ric", " near-rt-ric "),
            new Rewrite("\\bo[- ]?cu[- ]?cp\\b", " o-cu-cp "),
            new Rewrite("\\bo[- ]?cu[- ]?up\\b", " o-cu-up "),
            new Rewrite("\\bo[- ]?du\\b", " o-du "),
            new Rewrite("\\bo[- ]?ru\\b", " o-ru "),
            new Rewrite("distributed units?", " o-du "),
            new Rewrite("user[- ]plane(?: functions?)?", " upf "),
            new Rewrite("access and mobility management(?: functions?)?", " amf "),
            new Rewrite("session management(?: functions?)?", " smf "),
            new Rewrite("high(?:ly)?[- ]availab(?:ility|le)|\\bredundant(?:ly)?\\b|\\bha\\b", " ha "),
            new Rewrite("five[- ]nines", " 99.999 % "),
            new Rewrite("four[- ]nines", " 99.99 % "),
            new Rewrite("three[- ]nines", " 99.9 % "),
            new Rewrite("\\bset[- ]up\\b", " setup "),
            new Rewrite("\\broll[- ]out\\b", " deploy "),
            new Rewrite("\\b(?:spin|bring|stand|fire)[- ]up\\b", " deploy "),
            new Rewrite("\\bscale[- ](?:out|up)\\b", " scaleout "),
            new Rewrite("\\bscale[- ](?:in|down)\\b", " scalein "),
            new Rewrite("\\bfar[- ]?edge[- ]?(\\d+)\\b", " far-edge-$1 "),
            new Rewrite("\\bedge[ _](\\d+)\\b", " edge$1 "),
            new Rewrite("\\b(\\d+)\\s*(?:x|times)\\s+(?=more\\b)", " $1 "),
            new Rewrite("\\s*per[- ]second\\b|/s\\b", "ps"),
            new Rewrite("\\bmega ?bits?ps", " mbps "),
            new Rewrite("\\bgiga ?bits?ps", " gbps "),
            new Rewrite("\\bmbits?ps|\\bmb/s|\\bmbit/s", " mbps "),
            new Rewrite("\\bgbits?ps|\\bgb/s|\\bgbit/s", " gbps "),
            new Rewrite("(\\d)\\s*µs\\b", "$1 us "),
            new Rewrite("\\b5g\\b", " fiveg "),
            new Rewrite("\\blow[- ]latency\\b(?!\\s+(?:of|under|below|<))", " lowlatency "),
            new Rewrite("\\bone\\b(?=\\s+(?:more|replicas?|instances?|copies))", "1"),
            new Rewrite("\\btwo\\b", "2"),
            new Rewrite("\\bthree\\b", "3"),
            new Rewrite("\\bfour\\b", "4"),
            new Rewrite("\\bfive\\b", "5"),
            new Rewrite("\\bsix\\b", "6"),
            new Rewrite("\\bseven\\b", "7"),
            new Rewrite("\\beight\\b", "8"),
            new Rewrite("\\bnine\\b", "9"),
            new Rewrite("\\bten\\b", "10"));

    private static final Pattern THOUSANDS = Pattern.compile("(\\d),(?=\\d{3}\\b)");
    private static final Pattern NUMBER_THEN_UNIT = Pattern.compile("\\b(\\d+(?:\\.\\d+)?)([a-z%+]+)\\b");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?");
    private static final Pattern SITE = Pattern.compile(
            "(?:far-edge|edge|site|cell|hub|core|ran|dc|pop|cluster)(?:-?\\d+[a-z0-9-]*|-[a-z][a-z0-9-]*\\d[a-z0-9-]*)");
    private static final Pattern REGION = Pattern.compile(
            "(?:us|eu|ap|sa|ca|me|af|asia|europe)-(?:west|east|north|south|central|northeast|northwest|southeast|southwest)(?:-\\d+)?");
    private static final Pattern GENERIC_SITE = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*-?\\d+[a-z0-9-]*");

    private static final Map<String, IntentType> ACTIONS = Map.ofEntries(
            Map.entry("deploy", IntentType.DEPLOYMENT),
            Map.entry("create", IntentType.DEPLOYMENT),
            Map.entry("setup", IntentType.DEPLOYMENT),
            Map.entry("provision", IntentType.DEPLOYMENT),
            Map.entry("instantiate", IntentType.DEPLOYMENT),
            Map.entry("launch", IntentType.DEPLOYMENT),
            Map.entry("install", IntentType.DEPLOYMENT),
            Map.entry("establish", IntentType.DEPLOYMENT),
            Map.entry("start", IntentType.DEPLOYMENT),
            Map.entry("build", IntentType.DEPLOYMENT),
            Map.entry("add", IntentType.DEPLOYMENT),
            Map.entry("scale", IntentType.SCALING),
            Map.entry("bump", IntentType.SCALING),
            Map.entry("scaleout", IntentType.SCALING),
            Map.entry("scalein", IntentType.SCALING),
            Map.entry("resize", IntentType.SCALING),
            Map.entry("grow", IntentType.SCALING),
            Map.entry("expand", IntentType.SCALING),
            Map.entry("increase", IntentType.SCALING),
            Map.entry("decrease", IntentType.SCALING),
            Map.entry("reduce", IntentType.SCALING),
            Map.entry("shrink", IntentType.SCALING),
            Map.entry("heal", IntentType.HEALING),
            Map.entry("repair", IntentType.HEALING),
            Map.entry("fix", IntentType.HEALING),
            Map.entry("restart", IntentType.HEALING),
            Map.entry("recover", IntentType.HEALING),
            Map.entry("remediate", IntentType.HEALING),
            Map.entry("restore", IntentType.HEALING),
            Map.entry("reboot", IntentType.HEALING),
            Map.entry("configure", IntentType.CONFIGURATION),
            Map.entry("reconfigure", IntentType.CONFIGURATION),
            Map.entry("change", IntentType.CONFIGURATION),
            Map.entry("update", IntentType.CONFIGURATION),
            Map.entry("modify", IntentType.CONFIGURATION),
            Map.entry("adjust", IntentType.CONFIGURATION),
            Map.entry("set", IntentType.CONFIGURATION),
            Map.entry("optimize", IntentType.OPTIMIZATION),
            Map.entry("optimise", IntentType.OPTIMIZATION),
            Map.entry("tune", IntentType.OPTIMIZATION),
            Map.entry("improve", IntentType.OPTIMIZATION),
            Map.entry("minimize", IntentType.OPTIMIZATION),
            Map.entry("minimise", IntentType.OPTIMIZATION),
            Map.entry("maximize", IntentType.OPTIMIZATION),
            Map.entry("maximise", IntentType.OPTIMIZATION));

    /** Verbs that shrink: a bare "by N" after them is a negative delta. */
    private static final Set<String> SHRINKING = Set.of("scalein", "decrease", "reduce", "shrink");

    /** "I need an eMBB slice": no verb, but a wish for a service or function means deploying it. */
    private static final Set<String> WISHES = Set.of("need", "want", "require", "requires", "give", "get", "like");

    private static final Map<String, ServiceType> SERVICES =
            Map.of("embb", ServiceType.EMBB, "urllc", ServiceType.URLLC, "mmtc", ServiceType.MMTC);

    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("amf", "AMF"),
            Map.entry("smf", "SMF"),
            Map.entry("upf", "UPF"),
            Map.entry("nrf", "NRF"),
            Map.entry("ausf", "AUSF"),
            Map.entry("udm", "UDM"),
            Map.entry("udr", "UDR"),
            Map.entry("pcf", "PCF"),
            Map.entry("nssf", "NSSF"),
            Map.entry("nef", "NEF"),
            Map.entry("o-du", "O-DU"),
            Map.entry("o-cu-cp", "O-CU-CP"),
            Map.entry("o-cu-up", "O-CU-UP"),
            Map.entry("o-ru", "O-RU"),
            Map.entry("near-rt-ric", "Near-RT-RIC"),
            Map.entry("ric", "Near-RT-RIC"));

    private static final Set<String> DEVICE_NOUNS = Set.of(
            "device",
            "devices",
            "sensor",
            "sensors",
            "ue",
            "ues",
            "user",
            "users",
            "subscriber",
            "subscribers",
            "connection",
            "connections",
            "thing",
            "things",
            "meter",
            "meters",
            "endpoint",
            "endpoints",
            "terminal",
            "terminals");
    private static final Set<String> DEVICE_ADJECTIVES = Set.of("iot", "connected", "smart", "concurrent", "active");
    private static final Set<String> REPLICA_NOUNS =
            Set.of("replica", "replicas", "instance", "instances", "copy", "copies", "pod", "pods");
    private static final Map<String, Double> MULTIPLIERS = Map.of(
            "k", 1e3, "thousand", 1e3, "m", 1e6, "mn", 1e6, "million", 1e6, "millions", 1e6, "b", 1e9, "billion", 1e9);
    private static final Map<String, Double> BANDWIDTH_UNITS =
            Map.of("kbps", 0.001, "mbps", 1.0, "gbps", 1000.0, "tbps", 1_000_000.0);
    private static final Map<String, Double> LATENCY_UNITS = Map.of(
            "ms",
            1.0,
            "msec",
            1.0,
            "millisecond",
            1.0,
            "milliseconds",
            1.0,
            "us",
            0.001,
            "microsecond",
            0.001,
            "microseconds",
            0.001);

    /** Words that carry no meaning of their own; they neither raise nor lower the confidence. */
    private static final Set<String> FILLERS = Set.copyOf(List.of(
            "please",
            "pls",
            "kindly",
            "i",
            "we",
            "you",
            "me",
            "us",
            "our",
            "my",
            "need",
            "needs",
            "want",
            "wants",
            "would",
            "like",
            "could",
            "can",
            "should",
            "must",
            "let's",
            "lets",
            "let",
            "to",
            "a",
            "an",
            "the",
            "with",
            "and",
            "on",
            "at",
            "in",
            "for",
            "of",
            "from",
            "into",
            "onto",
            "by",
            "across",
            "within",
            "slice",
            "slices",
            "service",
            "services",
            "network",
            "networks",
            "function",
            "functions",
            "nf",
            "nfs",
            "cnf",
            "cnfs",
            "new",
            "some",
            "it",
            "its",
            "that",
            "this",
            "is",
            "are",
            "be",
            "so",
            "has",
            "have",
            "up",
            "out",
            "now",
            "asap",
            "quickly",
            "there",
            "here",
            "site",
            "sites",
            "region",
            "zone",
            "cluster",
            "clusters",
            "node",
            "also",
            "both",
            "as",
            "well",
            "which",
            "supports",
            "support",
            "supporting",
            "serve",
            "serving",
            "handle",
            "handling",
            "under",
            "below",
            "than",
            "less",
            "max",
            "maximum",
            "minimum",
            "min",
            "least",
            "most",
            "about",
            "around",
            "up",
            "guaranteed",
            "guarantee",
            "target",
            "targeting",
            "total",
            "latency",
            "bandwidth",
            "throughput",
            "speed",
            "capacity",
            "of",
            "do",
            "go",
            "make",
            "sure",
            "run",
            "running",
            "get",
            "give",
            "require",
            "requires",
            "required",
            "needed",
            "more",
            "extra",
            "additional",
            "one",
            "just",
            "then",
            "all",
            "every",
            "each",
            "currently",
            "deployment",
            "instance",
            "workload",
            "workloads",
            "application",
            "applications",
            "5g",
            "fiveg",
            "core",
            "ran",
            "cell",
            "using",
            "use",
            "via",
            "over",
            "per",
            "located",
            "based",
            "your",
            "thanks",
            "i'd",
            "we'd",
            "coverage",
            "connectivity",
            "thank",
            "hi",
            "hello",
            "hey",
            "team",
            "enable",
            "enabled",
            "providing",
            "provide",
            "offering",
            "offer",
            "low",
            "high",
            "ultra",
            "reliable",
            "communication",
            "communications",
            "replicas",
            "replica",
            "instances",
            "copies",
            "pods",
            "devices"));

    private record Rewrite(Pattern pattern, String replacement) {
        Rewrite(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }
    }

    @Override
    public ParseOutcome parse(String text) {
        List<String> tokens = tokenize(text);
        Slots slots = new Slots(tokens);
        slots.read();
        return slots.outcome();
    }

    static List<String> tokenize(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        s = THOUSANDS.matcher(s).replaceAll("$1").replace("%", " % ");
        // keep letters, digits and the characters that belong inside names, numbers and units
        s = s.replaceAll("[^a-z0-9µ%+./\\-' ]", " ");
        s = s.replaceAll("(?<![0-9])\\.|\\.(?![0-9])", " ");
        for (Rewrite rewrite : PHRASES) {
            s = rewrite.pattern().matcher(s).replaceAll(rewrite.replacement());
        }
        // a unit glued to its number ("200mbps", "10k", "99.9%") becomes two tokens
        s = NUMBER_THEN_UNIT.matcher(s).replaceAll("$1 $2");
        List<String> tokens = new ArrayList<>();
        for (String token : s.trim().split("\\s+")) {
            String t = token.replaceAll("^[-'/]+|[-'/]+$", "");
            if (t.startsWith("+") && t.length() > 1 && NUMBER.matcher(t).matches()) {
                tokens.add("+");
                tokens.add(t.substring(1));
            } else if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        return tokens;
    }

    /** One pass over the tokens; each slot marks the tokens it claimed. */
    private static final class Slots {

        private final List<String> tokens;
        private final boolean[] claimed;
        private IntentType action;
        private String actionWord;
        private boolean wish;
        private ServiceType service;
        private final Set<String> functions = new LinkedHashSet<>();
        private final Set<String> sites = new LinkedHashSet<>();
        private String region;
        private Integer replicas;
        private Integer delta;
        private Double bandwidth;
        private Double latency;
        private Long devices;
        private Double availability;
        private boolean highAvailability;
        private boolean iotHint;
        private boolean lowLatencyHint;

        Slots(List<String> tokens) {
            this.tokens = tokens;
            this.claimed = new boolean[tokens.size()];
        }

        void read() {
            for (int i = 0; i < tokens.size(); i++) {
                if (claimed[i]) {
                    continue;
                }
                String t = tokens.get(i);
                if (NUMBER.matcher(t).matches()) {
                    quantity(i);
                } else if (action == null && verb(t) != null) {
                    actionWord = verb(t);
                    action = ACTIONS.get(actionWord);
                    claimed[i] = true;
                } else if (WISHES.contains(t)) {
                    wish = true;
                } else if (SERVICES.containsKey(t)) {
                    if (service == null) {
                        service = SERVICES.get(t);
                    }
                    claimed[i] = true;
                } else if (function(t) != null) {
                    functions.add(function(t));
                    claimed[i] = true;
                } else if (REGION.matcher(t).matches()) {
                    region = t;
                    claimed[i] = true;
                } else if (SITE.matcher(t).matches()) {
                    sites.add(t);
                    claimed[i] = true;
                } else if (t.equals("ha")) {
                    highAvailability = true;
                    claimed[i] = true;
                } else if (t.equals("lowlatency")) {
                    lowLatencyHint = true;
                    claimed[i] = true;
                } else if (t.equals("iot")) {
                    iotHint = true;
                    claimed[i] = true;
                } else if (i > 0
                        && Set.of("on", "at", "to", "site", "in").contains(tokens.get(i - 1))
                        && GENERIC_SITE.matcher(t).matches()) {
                    // "on paris-2": a name with a digit right after a place preposition
                    sites.add(t);
                    claimed[i] = true;
                }
            }
            // a hint names the service class only when nothing named it outright
            if (service == null && functions.isEmpty() && (iotHint || devices != null)) {
                service = ServiceType.MMTC;
            }
            if (service == null && functions.isEmpty() && lowLatencyHint) {
                service = ServiceType.URLLC;
            }
        }

        private void quantity(int i) {
            String number = tokens.get(i);
            double value = Double.parseDouble(number);
            String previous = i > 0 ? tokens.get(i - 1) : "";
            int next = i + 1;
            String unit = next < tokens.size() ? tokens.get(next) : "";
            if (MULTIPLIERS.containsKey(unit) && next + 1 < tokens.size()) {
                String after = tokens.get(next + 1);
                boolean deviceAhead = DEVICE_NOUNS.contains(after)
                        || (DEVICE_ADJECTIVES.contains(after)
                                && next + 2 < tokens.size()
                                && DEVICE_NOUNS.contains(tokens.get(next + 2)));
                if (deviceAhead || !unit.equals("m")) {
                    value *= MULTIPLIERS.get(unit);
                    claimed[next] = true;
                    next++;
                    unit = tokens.get(next);
                }
            } else if (MULTIPLIERS.containsKey(unit) && !unit.equals("m")) {
                value *= MULTIPLIERS.get(unit);
                claimed[next] = true;
                next++;
                unit = "";
            }
            if (BANDWIDTH_UNITS.containsKey(unit)) {
                bandwidth = value * BANDWIDTH_UNITS.get(unit);
                claim(i, next);
            } else if (LATENCY_UNITS.containsKey(unit)) {
                latency = value * LATENCY_UNITS.get(unit);
                claim(i, next);
            } else if (unit.equals("%")) {
                if (value > 0 && value <= 100) {
                    availability = value;
                    claim(i, next);
                }
            } else if (DEVICE_NOUNS.contains(unit)) {
                devices = Math.round(value);
                claim(i, next);
            } else if (DEVICE_ADJECTIVES.contains(unit)
                    && next + 1 < tokens.size()
                    && DEVICE_NOUNS.contains(tokens.get(next + 1))) {
                devices = Math.round(value);
                claim(i, next);
                claimed[next + 1] = true;
                if (unit.equals("iot")) {
                    iotHint = true;
                }
            } else if ("more".equals(unit)
                    && next + 1 < tokens.size()
                    && (REPLICA_NOUNS.contains(tokens.get(next + 1)) || function(tokens.get(next + 1)) != null)) {
                delta = actionWord != null && SHRINKING.contains(actionWord) ? -(int) value : (int) value;
                action = IntentType.SCALING;
                claim(i, next);
                claimed[next + 1] = REPLICA_NOUNS.contains(tokens.get(next + 1));
            } else if (REPLICA_NOUNS.contains(unit) || function(unit) != null) {
                replicaCount(i, value, previous);
                claimed[next] = REPLICA_NOUNS.contains(unit) || claimed[next];
            } else if (action == IntentType.SCALING
                    || "to".equals(previous)
                    || "by".equals(previous)
                    || "+".equals(previous)) {
                replicaCount(i, value, previous);
            }
        }

        private void replicaCount(int i, double value, String previous) {
            int count = (int) value;
            boolean relative = "by".equals(previous)
                    || "+".equals(previous)
                    || (i > 1 && "add".equals(tokens.get(i - 1)))
                    || "add".equals(actionWord)
                    || (i + 2 < tokens.size() && "more".equals(tokens.get(i + 1)))
                    || (i + 1 < tokens.size() && "more".equals(tokens.get(i + 1)));
            if (relative) {
                delta = actionWord != null && SHRINKING.contains(actionWord) ? -count : count;
                if ("add".equals(actionWord)) {
                    action = IntentType.SCALING;
                }
            } else {
                replicas = count;
            }
            claimed[i] = true;
            if (i > 0 && "+".equals(previous)) {
                claimed[i - 1] = true;
            }
        }

        private void claim(int from, int to) {
            for (int k = from; k <= to && k < claimed.length; k++) {
                claimed[k] = true;
            }
        }

        /** The action verb a token is a form of ("scaled", "deploying" → scale, deploy), or null. */
        private static String verb(String token) {
            if (ACTIONS.containsKey(token)) {
                return token;
            }
            for (String[] ending : new String[][] {{"ed", ""}, {"d", ""}, {"ing", ""}, {"ing", "e"}, {"s", ""}}) {
                if (token.endsWith(ending[0]) && token.length() > ending[0].length() + 2) {
                    String stem = token.substring(0, token.length() - ending[0].length()) + ending[1];
                    if (ACTIONS.containsKey(stem)) {
                        return stem;
                    }
                }
            }
            return null;
        }

        private static String function(String token) {
            String known = FUNCTIONS.get(token);
            if (known == null && token.endsWith("s")) {
                known = FUNCTIONS.get(token.substring(0, token.length() - 1));
            }
            return known;
        }

        ParseOutcome outcome() {
            IntentType type = action;
            // "I need an eMBB slice ..." or just "URLLC slice at edge1 with 1 ms": asking for a service
            // without a verb means deploying it
            if (type == null && (wish || service != null) && (service != null || !functions.isEmpty())) {
                type = IntentType.DEPLOYMENT;
            }
            if (type == IntentType.DEPLOYMENT && "add".equals(actionWord) && delta != null) {
                type = IntentType.SCALING;
            }
            Map<String, Object> recognised = recognised(type);
            List<String> missing = new ArrayList<>();
            if (type == null) {
                missing.add("intent_type");
            } else {
                switch (type) {
                    case DEPLOYMENT -> {
                        if (service == null && functions.isEmpty()) {
                            missing.add("service_type or cnf_functions");
                        }
                    }
                    case SCALING -> {
                        if (functions.isEmpty()) {
                            missing.add("cnf_functions");
                        }
                        if (replicas == null && delta == null) {
                            missing.add("replicas");
                        }
                    }
                    case HEALING -> {
                        if (functions.isEmpty() && service == null) {
                            missing.add("cnf_functions");
                        }
                    }
                    case CONFIGURATION, OPTIMIZATION -> {
                        if (functions.isEmpty() && service == null) {
                            missing.add("service_type or cnf_functions");
                        }
                        if (bandwidth == null
                                && latency == null
                                && devices == null
                                && availability == null
                                && replicas == null
                                && !highAvailability
                                && type == IntentType.CONFIGURATION) {
                            missing.add("sla or replicas");
                        }
                    }
                }
            }
            List<String> unrecognised = new ArrayList<>();
            int content = 0;
            int understood = 0;
            for (int i = 0; i < tokens.size(); i++) {
                if (claimed[i]) {
                    content++;
                    understood++;
                } else if (!FILLERS.contains(tokens.get(i))) {
                    content++;
                    unrecognised.add(tokens.get(i));
                }
            }
            double confidence = content == 0 ? 0.0 : round((double) understood / content);
            if (!missing.isEmpty()) {
                return new ParseOutcome(
                        null, recognised, missing, unrecognised, "the sentence lacks " + String.join(", ", missing));
            }
            if (confidence < MIN_CONFIDENCE) {
                return new ParseOutcome(
                        null,
                        recognised,
                        missing,
                        unrecognised,
                        "too much of the sentence was not understood: " + String.join(" ", unrecognised));
            }
            Integer count = replicas;
            if (highAvailability && (count == null || count < HA_REPLICAS) && delta == null) {
                count = HA_REPLICAS;
            }
            Sla sla = bandwidth == null && latency == null && devices == null && availability == null
                    ? null
                    : new Sla(bandwidth, latency, devices, availability);
            StructuredIntent intent = new StructuredIntent(
                    type,
                    service,
                    List.copyOf(sites),
                    List.copyOf(functions),
                    count,
                    sla,
                    IntentSource.USER,
                    null,
                    StructuredIntent.DEFAULT_PRIORITY,
                    new ParseInfo(ParseMethod.RULES, confidence),
                    delta,
                    region);
            return new ParseOutcome(intent, recognised, List.of(), unrecognised, null);
        }

        private Map<String, Object> recognised(IntentType type) {
            Map<String, Object> found = new LinkedHashMap<>();
            if (type != null) {
                found.put("intent_type", type.name().toLowerCase(Locale.ROOT));
            }
            if (service != null) {
                found.put("service_type", wireName(service));
            }
            if (!sites.isEmpty()) {
                found.put("target_sites", List.copyOf(sites));
            }
            if (region != null) {
                found.put("region", region);
            }
            if (!functions.isEmpty()) {
                found.put("cnf_functions", List.copyOf(functions));
            }
            if (replicas != null) {
                found.put("replicas", replicas);
            }
            if (delta != null) {
                found.put("replicas_delta", delta);
            }
            if (bandwidth != null) {
                found.put("bandwidth_mbps", bandwidth);
            }
            if (latency != null) {
                found.put("latency_ms", latency);
            }
            if (devices != null) {
                found.put("devices", devices);
            }
            if (availability != null) {
                found.put("availability", availability);
            }
            return found;
        }

        private static String wireName(ServiceType type) {
            return switch (type) {
                case EMBB -> "eMBB";
                case URLLC -> "URLLC";
                case MMTC -> "mMTC";
            };
        }

        private static double round(double value) {
            return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
        }
    }
}
