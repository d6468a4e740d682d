package dev.aiops.intent.pipeline;

import dev.aiops.intent.cnf.CnfDetails;
import dev.aiops.intent.cnf.CnfService;
import dev.aiops.intent.intent.IntentLifecycle;
import dev.aiops.intent.planning.Plan;
import dev.aiops.intent.planning.Planner;
import dev.aiops.intent.planning.PlanningException;
import dev.aiops.model.cnf.CnfState;
import dev.aiops.model.intent.IntentType;
import dev.aiops.model.intent.StructuredIntent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Executes scaling and healing intents on the CNFs already running: every live CNF of each named function
 * on each named site. Everything is checked before anything changes, so an intent either changes all its
 * CNFs or none and fails with the reason: no such CNF, a CNF not Active (or Degraded, for healing), a
 * replica count above the function's maximum.
 */
@Component
class CnfChangeIntents {

    private final CnfService cnfs;
    private final Planner planner;
    private final IntentLifecycle intents;

    CnfChangeIntents(CnfService cnfs, Planner planner, IntentLifecycle intents) {
        this.cnfs = cnfs;
        this.planner = planner;
        this.intents = intents;
    }

    /** What was changed, recorded as the intent's plan. */
    record Outcome(List<Map<String, Object>> changes, String summary) {}

    static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** Starts the changes, in the caller's transaction; throws {@link Refused} before changing anything. */
    Outcome execute(UUID intentId, StructuredIntent intent) {
        if (intent.cnfFunctions().isEmpty() || intent.targetSites().isEmpty()) {
            throw new Refused("a " + name(intent) + " intent needs the functions and the sites of the CNFs to change");
        }
        List<CnfDetails> targets = new ArrayList<>();
        for (String site : intent.targetSites()) {
            for (String function : intent.cnfFunctions()) {
                List<CnfDetails> found = cnfs.find(function, site);
                if (found.isEmpty()) {
                    throw new Refused("no running " + function + " on " + site + " to " + verb(intent));
                }
                targets.addAll(found);
            }
        }
        List<Map<String, Object>> changes = new ArrayList<>();
        if (intent.intentType() == IntentType.SCALING) {
            List<int[]> sizes = new ArrayList<>();
            for (CnfDetails cnf : targets) {
                int replicas = intent.replicas() != null
                        ? intent.replicas()
                        : cnf.replicas() + (intent.replicasDelta() == null ? 0 : intent.replicasDelta());
                if (replicas < 1 || replicas > Plan.MAX_REPLICAS) {
                    throw new Refused("scaling " + cnf.name() + " to " + replicas + " replicas is refused: "
                            + cnf.function() + " runs 1 to " + Plan.MAX_REPLICAS + " replicas per cluster");
                }
                if (cnf.state() != CnfState.ACTIVE) {
                    throw new Refused("CNF " + cnf.name() + " is " + cnf.state() + "; only an Active CNF is scaled");
                }
                sizes.add(new int[] {cnf.replicas(), replicas});
            }
            for (int i = 0; i < targets.size(); i++) {
                CnfDetails cnf = targets.get(i);
                cnfs.scale(cnf.id(), sizes.get(i)[1], intentId);
                changes.add(change(cnf, "scale", Map.of("from", sizes.get(i)[0], "to", sizes.get(i)[1])));
            }
            return new Outcome(changes, "scaling " + targets.size() + " CNF(s)");
        }
        if (intent.relocates()) {
            return relocate(intentId, targets);
        }
        for (CnfDetails cnf : targets) {
            if (cnf.state() != CnfState.DEGRADED && cnf.state() != CnfState.ACTIVE) {
                throw new Refused(
                        "CNF " + cnf.name() + " is " + cnf.state() + "; only a Degraded or Active CNF is healed");
            }
        }
        for (CnfDetails cnf : targets) {
            if (cnf.state() == CnfState.DEGRADED) {
                cnfs.heal(cnf.id(), intentId);
                changes.add(change(cnf, "heal", Map.of()));
            } else {
                cnfs.restart(cnf.id(), intentId);
                changes.add(change(cnf, "restart", Map.of()));
            }
        }
        return new Outcome(changes, "healing " + targets.size() + " CNF(s)");
    }

    /**
     * A migration: each CNF gets a replacement planned onto another eligible cluster (never its own); the old
     * one is terminated when the replacement is Active (CnfService). All are planned before any is created, so
     * one CNF without somewhere to go fails the intent with nothing changed.
     */
    private Outcome relocate(UUID intentId, List<CnfDetails> targets) {
        List<Plan.Cnf> planned = new ArrayList<>();
        for (CnfDetails cnf : targets) {
            if (cnf.state() != CnfState.DEGRADED && cnf.state() != CnfState.ACTIVE) {
                throw new Refused(
                        "CNF " + cnf.name() + " is " + cnf.state() + "; only a Degraded or Active CNF is migrated");
            }
            try {
                planned.add(planner.relocate(
                        cnf.function(), cnf.clusterId(), cnf.site(), cnf.replicas(), original(cnf.intentId())));
            } catch (PlanningException e) {
                throw new Refused(e.getMessage());
            }
        }
        List<Map<String, Object>> changes = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            CnfDetails cnf = targets.get(i);
            CnfDetails replacement = cnfs.createReplacement(intentId, planned.get(i), cnf.id());
            changes.add(change(
                    cnf,
                    "migrate",
                    Map.of(
                            "to_cluster_name", replacement.clusterName(),
                            "replacement_cnf_id", replacement.id().toString())));
        }
        return new Outcome(changes, "migrating " + targets.size() + " CNF(s)");
    }

    /** The intent that deployed a CNF, for the service type and SLA its new cluster must still meet. */
    private StructuredIntent original(UUID deployedBy) {
        try {
            return deployedBy == null ? null : intents.structured(deployedBy);
        } catch (RuntimeException e) {
            return null; // the deployment intent is gone: plan by the general rules only
        }
    }

    private static Map<String, Object> change(CnfDetails cnf, String action, Map<String, Object> extra) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("cnf_id", cnf.id().toString());
        change.put("name", cnf.name());
        change.put("cluster_name", cnf.clusterName());
        change.put("action", action);
        change.putAll(extra);
        return change;
    }

    private static String name(StructuredIntent intent) {
        return intent.intentType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String verb(StructuredIntent intent) {
        if (intent.relocates()) {
            return "migrate";
        }
        return intent.intentType() == IntentType.SCALING ? "scale" : "heal";
    }
}
