package dev.aiops.intent.closedloop;

import dev.aiops.intent.closedloop.RuleConditions.Condition;
import dev.aiops.intent.support.PollingLoop;
import dev.aiops.model.cnf.Rule;
import dev.aiops.model.cnf.RuleSource;
import dev.aiops.model.cnf.RuleView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The enabled rules of this replica, compiled, refreshed when the rules' revision moves. Every replica polls
 * the revision every {@code rule-refresh-interval}, so an edit made through any replica takes effect on all
 * of them within that interval; the replica that made it refreshes at once. A condition is compiled once per
 * rule version.
 */
@Component
class RuleCatalog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RuleCatalog.class);
    private static final Comparator<ActiveRule> HIGHEST_PRIORITY_FIRST = Comparator.comparing(
                    (ActiveRule r) -> r.rule().priority())
            .reversed()
            .thenComparing(r -> r.rule().name());

    /** A rule as evaluated: which version, with its compiled condition. */
    record ActiveRule(UUID id, int version, Rule rule, Condition condition) {}

    private record Snapshot(long revision, Map<RuleSource, List<ActiveRule>> bySource) {}

    private final RuleStore store;
    private final RuleConditions conditions;
    private final PollingLoop loop;
    private final Map<String, Condition> compiled = new ConcurrentHashMap<>();
    private final List<Runnable> afterRefresh = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

    RuleCatalog(RuleStore store, RuleConditions conditions, ClosedLoopProperties properties) {
        this.store = store;
        this.conditions = conditions;
        this.loop = new PollingLoop("rule-catalog", properties.ruleRefreshInterval(), this::refresh);
    }

    /** Enabled rules of {@code source}, highest priority first. */
    List<ActiveRule> rules(RuleSource source) {
        Snapshot current = snapshot;
        if (current.revision() < 0) {
            refresh();
            current = snapshot;
        }
        return current.bySource().getOrDefault(source, List.of());
    }

    long revision() {
        return snapshot.revision();
    }

    void onRefresh(Runnable listener) {
        afterRefresh.add(listener);
    }

    /** Reloads when the revision moved. The revision is read first, so a change racing the load reloads again. */
    synchronized void refresh() {
        long revision = store.revision();
        if (revision != snapshot.revision()) {
            Map<RuleSource, List<ActiveRule>> bySource = new EnumMap<>(RuleSource.class);
            for (RuleView view : store.active()) {
                Condition condition = compiled(view);
                if (condition != null) {
                    bySource.computeIfAbsent(view.rule().source(), s -> new ArrayList<>())
                            .add(new ActiveRule(view.id(), view.version(), view.rule(), condition));
                }
            }
            bySource.replaceAll((source, rules) ->
                    rules.stream().sorted(HIGHEST_PRIORITY_FIRST).toList());
            snapshot = new Snapshot(revision, Map.copyOf(bySource));
            log.info(
                    "Rules at revision {}: {} enabled",
                    revision,
                    bySource.values().stream().mapToInt(List::size).sum());
        }
        afterRefresh.forEach(Runnable::run);
    }

    private Condition compiled(RuleView view) {
        String key = view.id() + ":" + view.version();
        Condition condition = compiled.get(key);
        if (condition == null) {
            var result = conditions.compile(view.rule().source(), view.rule().condition());
            if (result.condition().isEmpty()) {
                // saved conditions were checked on save; this only happens to rows written around the API
                log.warn(
                        "Rule {} v{} skipped: condition does not compile: {}",
                        view.rule().name(),
                        view.version(),
                        result.error());
                return null;
            }
            condition = result.condition().get();
            compiled.keySet().removeIf(k -> k.startsWith(view.id() + ":"));
            compiled.put(key, condition);
        }
        return condition;
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
