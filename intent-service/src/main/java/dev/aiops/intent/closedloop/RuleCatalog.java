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

    private record Snapshot(long revision, Map<UUID, ActiveRule> byId, Map<RuleSource, List<ActiveRule>> bySource) {

        static Snapshot of(long revision, Map<UUID, ActiveRule> byId) {
            Map<RuleSource, List<ActiveRule>> bySource = new EnumMap<>(RuleSource.class);
            for (ActiveRule rule : byId.values()) {
                bySource.computeIfAbsent(rule.rule().source(), s -> new ArrayList<>())
                        .add(rule);
            }
            bySource.replaceAll((source, rules) ->
                    rules.stream().sorted(HIGHEST_PRIORITY_FIRST).toList());
            return new Snapshot(revision, Map.copyOf(byId), Map.copyOf(bySource));
        }
    }

    private final RuleStore store;
    private final RuleConditions conditions;
    private final PollingLoop loop;
    /** The compiled condition of each rule's latest version seen: one entry per rule, replaced on a change. */
    private final Map<UUID, Compiled> compiled = new ConcurrentHashMap<>();

    private final List<Runnable> afterRefresh = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of(), Map.of());
    /** The revision of the last full load; guarded by this. */
    private long loadedInFull = -1;

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

    /**
     * Reloads every rule when the revision moved since the last full load. The revision is read first, so a
     * change racing the load reloads again; and since a change's revision is drawn before it commits, a
     * lower revision can commit after a higher one was seen: only a full load (this poll) is sure to catch
     * it, an incremental {@link #refreshChanged} is not.
     */
    synchronized void refresh() {
        long revision = store.revision();
        if (revision != loadedInFull) {
            Map<UUID, ActiveRule> byId = new java.util.HashMap<>();
            for (RuleView view : store.active()) {
                Condition condition = compiled(view);
                if (condition != null) {
                    byId.put(view.id(), new ActiveRule(view.id(), view.version(), view.rule(), condition));
                }
            }
            snapshot = Snapshot.of(revision, byId);
            loadedInFull = revision;
            log.info("Rules at revision {}: {} enabled", revision, byId.size());
        }
        afterRefresh.forEach(Runnable::run);
    }

    /**
     * After this replica's own change committed: only the rows changed since the snapshot are read and
     * merged, so saving N rules one after another costs N small reads, not N reads of every rule (which
     * made a bulk save of 1,000 rules quadratic). The poll's full load still follows within its interval.
     */
    synchronized void refreshChanged() {
        Snapshot current = snapshot;
        if (current.revision() < 0) {
            refresh();
            return;
        }
        List<RuleStore.Changed> changed = store.changedSince(current.revision());
        if (changed.isEmpty()) {
            return;
        }
        Map<UUID, ActiveRule> byId = new java.util.HashMap<>(current.byId());
        long revision = current.revision();
        for (RuleStore.Changed row : changed) {
            RuleView view = row.view();
            byId.remove(view.id());
            if (view.rule().enabled() && !view.deleted()) {
                Condition condition = compiled(view);
                if (condition != null) {
                    byId.put(view.id(), new ActiveRule(view.id(), view.version(), view.rule(), condition));
                }
            }
            revision = Math.max(revision, row.revision());
        }
        snapshot = Snapshot.of(revision, byId);
        afterRefresh.forEach(Runnable::run);
    }

    private record Compiled(int version, Condition condition) {}

    private Condition compiled(RuleView view) {
        Compiled cached = compiled.get(view.id());
        Condition condition = cached != null && cached.version() == view.version() ? cached.condition() : null;
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
            compiled.put(view.id(), new Compiled(view.version(), condition));
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
