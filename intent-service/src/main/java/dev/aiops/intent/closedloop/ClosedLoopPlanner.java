package dev.aiops.intent.closedloop;

import dev.aiops.intent.closedloop.DecisionLog.Event;
import dev.aiops.intent.closedloop.DecisionLog.Outcome;
import dev.aiops.intent.closedloop.RuleCatalog.ActiveRule;
import dev.aiops.intent.closedloop.RuleConditions.Evaluation;
import dev.aiops.intent.intent.IntentLifecycle;
import dev.aiops.intent.intent.RaisedIntents;
import dev.aiops.intent.planning.Plan;
import dev.aiops.intent.planning.Planner;
import dev.aiops.intent.planning.PlanningException;
import dev.aiops.model.cnf.Rule;
import dev.aiops.model.cnf.RuleAction;
import dev.aiops.model.cnf.RuleSource;
import dev.aiops.model.cnf.RuleTarget;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.intent.IntentSource;
import dev.aiops.model.intent.IntentType;
import dev.aiops.model.intent.StructuredIntent;
import dev.aiops.model.observability.FcapsEventSummary;
import dev.aiops.model.observability.KpmReport;
import dev.aiops.platform.events.EventBus;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The closed loop's decisions: evaluates the enabled rules of an input's source against it and turns a
 * matching rule into a scaling or healing intent, unless hysteresis, dedup, a burst, a cooldown or the
 * replica bounds say otherwise. Every outcome is recorded. It runs inside the stream handler's transaction
 * (the processed-event ledger's), so the intent, the decision and the new cooldown commit together or not
 * at all.
 */
@Component
class ClosedLoopPlanner {

    static final String RAISED_BY = "closed-loop";
    private static final String CLEAR = "NORMAL";
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final Map<String, Integer> SEVERITY =
            Map.of("CRITICAL", 5, "MAJOR", 4, "MINOR", 3, "WARNING", 2, "NORMAL", 1);

    private final RuleCatalog catalog;
    private final DecisionLog decisions;
    private final ClosedLoopState state;
    private final CnfReplicas replicas;
    private final CnfTargets cnfTargets;
    private final Planner planner;
    private final IntentLifecycle lifecycle;
    private final RaisedIntents intents;
    private final EventBus bus;
    private final JsonMapper json;
    private final ClosedLoopProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final Timer evaluation;
    private final AtomicLong stalenessMillis = new AtomicLong();
    private final Map<RuleAction, Counter> generated = new EnumMap<>(RuleAction.class);
    private final MultiGauge coolingDown;

    ClosedLoopPlanner(
            RuleCatalog catalog,
            DecisionLog decisions,
            ClosedLoopState state,
            CnfReplicas replicas,
            CnfTargets cnfTargets,
            Planner planner,
            IntentLifecycle lifecycle,
            RaisedIntents intents,
            EventBus bus,
            JsonMapper json,
            ClosedLoopProperties properties,
            MeterRegistry meters,
            ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<Clock> clock) {
        this.catalog = catalog;
        this.decisions = decisions;
        this.state = state;
        this.replicas = replicas;
        this.cnfTargets = cnfTargets;
        this.planner = planner;
        this.lifecycle = lifecycle;
        this.intents = intents;
        this.bus = bus;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.evaluation = Timer.builder("planner.rule.evaluation.duration")
                .description("Time to evaluate the enabled rules of a source against one event or report")
                .publishPercentileHistogram()
                .register(meters);
        meters.gauge(
                "planner.metrics.staleness.seconds", Tags.empty(), stalenessMillis, millis -> millis.get() / 1000.0);
        this.coolingDown = MultiGauge.builder("planner.cooldown.active")
                .description("1 for each CNF (rule target) whose cooldown is running")
                .register(meters);
        catalog.onRefresh(this::publishCooldowns);
        for (RuleAction action : RuleAction.values()) {
            generated.put(
                    action,
                    Counter.builder("planner.intents.generated")
                            .description("Intents the closed-loop rules raised, by action")
                            .tag("action", wire(action))
                            .register(meters));
        }
    }

    /** One KPM report from the kpm stream. */
    void onKpm(EventEnvelope<JsonNode> envelope) {
        Observation.createNotStarted("planner.evaluate", observations)
                .lowCardinalityKeyValue("source", "kpm")
                .highCardinalityKeyValue("event.id", envelope.eventId().toString())
                .observe(() -> kpm(envelope));
    }

    /** One VES event from the fcaps stream. */
    void onFcaps(EventEnvelope<JsonNode> envelope) {
        Observation.createNotStarted("planner.evaluate", observations)
                .lowCardinalityKeyValue("source", "fcaps")
                .highCardinalityKeyValue("event.id", envelope.eventId().toString())
                .observe(() -> fcaps(envelope));
    }

    private void kpm(EventEnvelope<JsonNode> envelope) {
        KpmReport report = bus.payload(envelope, KpmReport.class);
        Event event = new Event(envelope.eventId(), envelope.eventType().name());
        Instant now = clock.instant();
        if (report == null || report.timestamp() == null || report.nodeId() == null || report.cellId() == null) {
            decisions.record(event, null, Outcome.MISSING_DATA, "report without node, cell or window", Map.of());
            return;
        }
        stalenessMillis.set(
                Math.max(0, Duration.between(report.timestamp(), now).toMillis()));
        List<ActiveRule> rules = catalog.rules(RuleSource.KPM);
        if (rules.isEmpty()) {
            return; // nothing to decide: no row per report while the loop is switched off
        }
        Map<String, Object> where = Map.of("node_id", report.nodeId(), "cell_id", report.cellId());
        if (report.staleAt(now)) {
            decisions.record(
                    event,
                    null,
                    Outcome.STALE,
                    "window ended at " + report.timestamp() + ", more than " + KpmReport.STALE_AFTER.toSeconds()
                            + " s before " + now + ": no action on stale data",
                    where);
            return;
        }
        Map<String, Object> variables = RuleConditions.kpmVariables(json.convertValue(report, JSON_OBJECT));
        List<ActiveRule> matched = new ArrayList<>();
        List<UUID> broken = new ArrayList<>();
        evaluate(rules, variables, event, matched, broken);
        state.breakStreaks(broken, report.nodeId(), report.cellId());
        for (ActiveRule rule : matched) {
            int streak = state.countWindow(
                    rule.id(),
                    rule.version(),
                    report.nodeId(),
                    report.cellId(),
                    report.timestamp(),
                    properties.maxWindowGap());
            int needed = rule.rule().consecutiveWindows();
            if (streak < needed) {
                decisions.record(
                        event, rule, Outcome.HYSTERESIS, streak + " of " + needed + " consecutive windows", where);
                continue;
            }
            state.resetStreak(rule.id(), report.nodeId(), report.cellId());
            OptionalLong claim = decisions.claim(event, rule);
            if (claim.isPresent()) {
                act(
                        claim.getAsLong(),
                        rule,
                        envelope,
                        variables,
                        targetOf(rule, "cell:" + report.nodeId() + "/" + report.cellId()),
                        null,
                        now);
            }
        }
        if (matched.isEmpty() && broken.size() == rules.size()) {
            decisions.record(event, null, Outcome.NO_MATCH, "none of " + rules.size() + " kpm rules matched", where);
        }
    }

    private void fcaps(EventEnvelope<JsonNode> envelope) {
        FcapsEventSummary summary = bus.payload(envelope, FcapsEventSummary.class);
        Event event = new Event(envelope.eventId(), envelope.eventType().name());
        List<ActiveRule> rules = catalog.rules(RuleSource.FCAPS);
        if (rules.isEmpty() || summary == null) {
            return;
        }
        Instant now = clock.instant();
        Map<String, Object> variables = RuleConditions.fcapsVariables(summary.event());
        String source = sourceName(summary, variables);
        int severity = severity(summary, variables);
        if (severity == SEVERITY.get(CLEAR)) {
            // A clear (eventSeverity NORMAL) repeats the alarm's condition to say it is over: a rule acting on
            // the condition alone would act on the recovery. Only rules that read the severity decide on it.
            List<ActiveRule> deciding = rules.stream()
                    .filter(rule -> rule.condition().readsSeverity())
                    .toList();
            if (deciding.isEmpty()) {
                decisions.record(
                        event,
                        null,
                        Outcome.CLEARED,
                        "eventSeverity NORMAL clears the alarm; none of " + rules.size()
                                + " fcaps rules reads eventSeverity, so none is evaluated",
                        Map.of("source_name", source));
                return;
            }
            rules = deciding;
        }
        String condition = alarm(summary, variables);
        ClosedLoopState.Burst burst = state.touchBurst(source, now, properties.burstWindow());
        List<ActiveRule> matched = new ArrayList<>();
        List<UUID> unmatched = new ArrayList<>();
        evaluate(rules, variables, event, matched, unmatched);
        Map<String, Object> where = Map.of("source_name", source, "severity", severityName(severity));
        for (ActiveRule rule : matched) {
            OptionalLong claim = decisions.claim(event, rule);
            if (claim.isEmpty()) {
                continue;
            }
            long decision = claim.getAsLong();
            String target = targetOf(rule, "source:" + source);
            if (burst.events() > properties.burstThreshold() && burst.intentId() != null) {
                decisions.settle(
                        decision,
                        Outcome.CORRELATED,
                        "burst of " + burst.events() + " events from " + source + " within "
                                + properties.burstWindow().toSeconds() + " s, correlated into intent "
                                + burst.intentId(),
                        target,
                        burst.intentId(),
                        where);
                continue;
            }
            String dedupKey = source + "/" + condition;
            state.lock("dedup:" + dedupKey + ":" + rule.id());
            var earlier = state.dedup(dedupKey, rule.id(), now);
            if (earlier.isPresent() && earlier.get().severity() >= severity) {
                decisions.settle(
                        decision,
                        Outcome.DEDUPLICATED,
                        "same rule on " + source + " acted on event "
                                + earlier.get().eventId() + " within "
                                + properties.dedupWindow().toSeconds() + " s",
                        target,
                        earlier.get().intentId(),
                        where);
                continue;
            }
            UUID intent = act(decision, rule, envelope, variables, target, source, now);
            if (intent != null) {
                state.remember(dedupKey, rule.id(), now.plus(properties.dedupWindow()), severity, event.id(), intent);
                state.burstIntent(source, intent);
            }
        }
        if (matched.isEmpty() && unmatched.size() == rules.size()) {
            decisions.record(event, null, Outcome.NO_MATCH, "none of " + rules.size() + " fcaps rules matched", where);
        }
    }

    /**
     * Runs every rule's condition; matches go to {@code matched}, plain misses to {@code missed}, and rules
     * that could not be evaluated get their own decision (and count as missed, so their streaks restart).
     */
    private void evaluate(
            List<ActiveRule> rules,
            Map<String, Object> variables,
            Event event,
            List<ActiveRule> matched,
            List<UUID> missed) {
        Timer.Sample sample = Timer.start(meters);
        List<ActiveRule> failed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ActiveRule rule : rules) {
            Evaluation result = rule.condition().evaluate(variables);
            if (result.matched()) {
                matched.add(rule);
            } else {
                missed.add(rule.id());
                if (result.error() != null) {
                    failed.add(rule);
                    errors.add(result.missingData() ? null : result.error());
                }
            }
        }
        sample.stop(evaluation);
        for (int i = 0; i < failed.size(); i++) {
            String error = errors.get(i);
            decisions.record(
                    event,
                    failed.get(i),
                    error == null ? Outcome.MISSING_DATA : Outcome.CONDITION_ERROR,
                    error == null ? "the input lacks a field the condition reads: no action" : error,
                    Map.of());
        }
    }

    /**
     * Acts on a claimed decision unless the target is cooling down or at its replica bound: raises the intent
     * and starts the target's cooldown. Returns the intent, or null when nothing was raised.
     */
    private UUID act(
            long decision,
            ActiveRule active,
            EventEnvelope<JsonNode> envelope,
            Map<String, Object> variables,
            String ruleTarget,
            String source,
            Instant now) {
        Rule rule = active.rule();
        Targets resolved;
        try {
            resolved = resolve(active, ruleTarget, source);
        } catch (NoTarget e) {
            decisions.settle(decision, Outcome.NO_TARGET, e.getMessage(), ruleTarget, null, Map.of());
            return null;
        }
        String target = resolved.key();
        state.lock("target:" + target);
        var cooldown = state.cooldownUntil(target, now);
        if (cooldown.isPresent()) {
            decisions.settle(
                    decision,
                    Outcome.COOLDOWN,
                    target + " is cooling down until " + cooldown.get(),
                    target,
                    null,
                    Map.of());
            return null;
        }
        Integer desired = null;
        Map<String, Object> details = new LinkedHashMap<>();
        if (rule.action() == RuleAction.SCALE_OUT || rule.action() == RuleAction.SCALE_IN) {
            int min = rule.minReplicas() != null ? rule.minReplicas() : 1;
            int max = rule.maxReplicas() != null ? rule.maxReplicas() : Integer.MAX_VALUE;
            var running = resolved.cnfs().isEmpty()
                    ? replicas.current(rule.target().function(), rule.target().site())
                    : resolved.cnfs().stream().map(CnfTargets.LiveCnf::replicas).max(Integer::compare);
            int current = running.orElse(min);
            details.put("current_replicas", current);
            details.put("current_replicas_known", running.isPresent());
            if (rule.action() == RuleAction.SCALE_OUT && current >= max) {
                decisions.settle(
                        decision, Outcome.AT_MAX_REPLICAS, current + " replicas, max " + max, target, null, details);
                return null;
            }
            if (rule.action() == RuleAction.SCALE_IN && current <= min) {
                decisions.settle(
                        decision, Outcome.AT_MIN_REPLICAS, current + " replicas, min " + min, target, null, details);
                return null;
            }
            desired = Math.max(min, Math.min(max, rule.action() == RuleAction.SCALE_OUT ? current + 1 : current - 1));
            details.put("replicas", desired);
        }
        boolean migrate = rule.action() == RuleAction.MIGRATE;
        if (migrate) {
            // only a migration that can happen becomes an intent: each CNF needs another eligible cluster now
            List<Map<String, Object>> moves = new ArrayList<>();
            for (CnfTargets.LiveCnf cnf : resolved.cnfs()) {
                try {
                    Plan.Cnf to = planner.relocate(
                            cnf.function(), cnf.clusterId(), cnf.site(), cnf.replicas(), deployedBy(cnf));
                    moves.add(Map.of("cnf", cnf.name(), "from", cnf.clusterName(), "to", to.clusterName()));
                } catch (PlanningException e) {
                    decisions.settle(decision, Outcome.NO_ALTERNATIVE, e.getMessage(), target, null, details);
                    return null;
                }
            }
            details.put("moves", moves);
        }
        StructuredIntent intent = new StructuredIntent(
                rule.action() == RuleAction.SCALE_OUT || rule.action() == RuleAction.SCALE_IN
                        ? IntentType.SCALING
                        : IntentType.HEALING,
                null,
                resolved.sites(),
                resolved.functions(),
                desired,
                null,
                IntentSource.RULE,
                envelope.eventId().toString(),
                rule.priority(),
                null,
                null,
                null,
                migrate ? Boolean.TRUE : null);
        String text = Templates.render(
                rule.intentTemplate() != null ? rule.intentTemplate() : defaultText(rule, target, desired), variables);
        UUID intentId = intents.raise(
                intent, rule.name() + "-" + envelope.eventId().toString().substring(0, 8), text, RAISED_BY);
        state.startCooldown(target, now.plus(rule.cooldown()), active.id(), envelope.eventId(), intentId);
        details.put("text", text);
        decisions.settle(
                decision, Outcome.INTENT_CREATED, wire(rule.action()) + " on " + target, target, intentId, details);
        generated.get(rule.action()).increment();
        return intentId;
    }

    /** What a rule acts on once its target is resolved: the intent's functions and sites, and the CNFs. */
    private record Targets(String key, List<String> functions, List<String> sites, List<CnfTargets.LiveCnf> cnfs) {}

    /** The rule's target resolves to no running CNF, or to none one intent can name exactly. */
    private static final class NoTarget extends RuntimeException {
        NoTarget(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A rule naming a function and site acts on them as written. A label selector (or labels) picks the running
     * CNFs it matches, as Kubernetes would; a migration needs the CNFs themselves: the rule's function (and site),
     * its selector, or else the CNF or cluster the event's {@code sourceName} names. An intent acts on every
     * named function on every named site, so the matches must form such a grid, or nothing is raised.
     */
    private Targets resolve(ActiveRule active, String ruleTarget, String source) {
        RuleTarget target = active.rule().target();
        boolean migrate = active.rule().action() == RuleAction.MIGRATE;
        if (!target.selectsByLabel() && !migrate) {
            return new Targets(ruleTarget, listOf(target.function()), listOf(target.site()), List.of());
        }
        Stream<CnfTargets.LiveCnf> candidates = cnfTargets.live().stream()
                .filter(c -> target.function() == null || c.function().equalsIgnoreCase(target.function()))
                .filter(c -> target.site() == null
                        || target.site().equalsIgnoreCase(c.site())
                        || target.site().equalsIgnoreCase(c.clusterName()));
        String what;
        if (target.selectsByLabel()) {
            LabelSelector selector = LabelSelectors.parse(target.selector(), target.labels());
            what = "selector '" + LabelSelectors.format(selector) + "'";
            candidates = candidates.filter(c -> LabelSelectors.matches(selector, c.labels()));
        } else if (target.function() != null) {
            what = target.function() + (target.site() == null ? "" : " on " + target.site());
        } else if (source != null) {
            what = "the CNF or cluster " + source;
            candidates = candidates.filter(c -> source.equals(c.name()) || source.equals(c.clusterName()));
        } else {
            throw new NoTarget("the rule names no function or selector and the input no CNF: nothing to migrate");
        }
        List<CnfTargets.LiveCnf> cnfs = candidates.toList();
        if (cnfs.isEmpty()) {
            throw new NoTarget(what + " matches no running CNF");
        }
        List<String> functions =
                cnfs.stream().map(CnfTargets.LiveCnf::function).distinct().toList();
        List<String> sites = cnfs.stream()
                .map(CnfTargets.LiveCnf::site)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        java.util.SortedSet<String> pairs = new java.util.TreeSet<>();
        cnfs.forEach(c -> pairs.add("cnf:" + c.function().toUpperCase(Locale.ROOT) + "@" + c.site()));
        if (sites.isEmpty() || pairs.size() != functions.size() * sites.size()) {
            throw new NoTarget(what + " matches " + pairs.size() + " function/site pairs " + pairs
                    + " that one intent cannot name exactly; narrow the rule to one function or one site");
        }
        String key = target.selectsByLabel() || target.function() == null ? String.join(",", pairs) : ruleTarget;
        return new Targets(key, functions, sites, cnfs);
    }

    private StructuredIntent deployedBy(CnfTargets.LiveCnf cnf) {
        try {
            return cnf.intentId() == null ? null : lifecycle.structured(cnf.intentId());
        } catch (RuntimeException e) {
            return null; // planned by the general rules only
        }
    }

    private static List<String> listOf(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static String defaultText(Rule rule, String target, Integer desired) {
        return wire(rule.action()) + " " + target + (desired == null ? "" : " to " + desired + " replicas") + " (rule "
                + rule.name() + ")";
    }

    /** Cooldowns are per CNF: the rule's function (and site); a rule without a function cools its input's origin. */
    private static String targetOf(ActiveRule rule, String origin) {
        String function = rule.rule().target().function();
        if (function == null || function.isBlank()) {
            return origin;
        }
        String site = rule.rule().target().site();
        return "cnf:" + function.toUpperCase(Locale.ROOT) + (site == null ? "" : "@" + site);
    }

    private static String wire(RuleAction action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    private static String sourceName(FcapsEventSummary summary, Map<String, Object> variables) {
        if (summary.sourceName() != null) {
            return summary.sourceName();
        }
        Object fromHeader = Templates.lookup(variables, "commonEventHeader.sourceName");
        return fromHeader != null ? fromHeader.toString() : "unknown";
    }

    /** What the event is about, for dedup: the alarm condition of a fault, else the VES event name. */
    private static String alarm(FcapsEventSummary summary, Map<String, Object> variables) {
        Object alarm = Templates.lookup(variables, "faultFields.alarmCondition");
        if (alarm != null) {
            return alarm.toString();
        }
        return summary.eventName() != null ? summary.eventName() : String.valueOf(summary.domain());
    }

    /** VES severity, from the summary or the fault / TCA block; unknown ranks lowest. */
    private static int severity(FcapsEventSummary summary, Map<String, Object> variables) {
        Object value = summary.severity();
        if (value == null) {
            value = Templates.lookup(variables, "faultFields.eventSeverity");
        }
        if (value == null) {
            value = Templates.lookup(variables, "thresholdCrossingAlertFields.eventSeverity");
        }
        return value == null ? 0 : SEVERITY.getOrDefault(value.toString().toUpperCase(Locale.ROOT), 0);
    }

    private static String severityName(int rank) {
        return SEVERITY.entrySet().stream()
                .filter(e -> e.getValue() == rank)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("UNKNOWN");
    }

    private void publishCooldowns() {
        try {
            coolingDown.register(
                    state.coolingDown(clock.instant()).stream()
                            .map(target -> MultiGauge.Row.of(Tags.of("cnf", target), 1))
                            .toList(),
                    true);
        } catch (RuntimeException e) {
            // the gauge is best effort; the next refresh retries
        }
    }
}
