package dev.aiops.intent.pipeline;

import dev.aiops.intent.cnf.CnfService;
import dev.aiops.intent.intent.IntentLifecycle;
import dev.aiops.intent.intent.IntentMetrics;
import dev.aiops.intent.planning.Plan;
import dev.aiops.intent.planning.Planner;
import dev.aiops.intent.planning.PlanningException;
import dev.aiops.intent.support.PollingLoop;
import dev.aiops.model.intent.IntentLifecycleStatus;
import dev.aiops.model.intent.IntentType;
import dev.aiops.model.intent.StructuredIntent;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans acknowledged deployment intents: the plan, the Pending CNFs and the move to {@code inProgress}
 * (report {@code planned}) commit together, so a crash leaves the intent either unplanned (and picked up
 * again) or fully planned. No matching cluster fails the intent with the planner's reason. The registry
 * being unreachable leaves the intent acknowledged for the next pass.
 */
@Component
class IntentPipeline implements SmartLifecycle {

    static final String STAGE_PLANNED = "planned";
    static final String STAGE_FAILED = "failed";
    private static final Logger log = LoggerFactory.getLogger(IntentPipeline.class);
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final IntentLifecycle intents;
    private final Planner planner;
    private final CnfService cnfs;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final IntentMetrics metrics;
    private final java.util.List<PollingLoop> loops;
    private final ObservationRegistry observations;
    private final CnfChangeIntents changes;

    IntentPipeline(
            IntentLifecycle intents,
            Planner planner,
            CnfService cnfs,
            JsonMapper json,
            PipelineProperties properties,
            PlatformTransactionManager transactions,
            IntentMetrics metrics,
            ObservationRegistry observations,
            CnfChangeIntents changes) {
        this.metrics = metrics;
        this.observations = observations;
        this.changes = changes;
        this.intents = intents;
        this.planner = planner;
        this.cnfs = cnfs;
        this.json = json;
        // several threads claim with SKIP LOCKED (the oldest acknowledged intent first), so one intent waiting
        // for the registry does not hold up the next
        this.loops = java.util.stream.IntStream.range(0, Math.max(1, properties.workers()))
                .mapToObj(i -> new PollingLoop("intent-pipeline-" + i, properties.pollInterval(), this::drain))
                .toList();
        this.tx = new TransactionTemplate(transactions);
    }

    int drain() {
        int planned = 0;
        while (planned < 100 && Boolean.TRUE.equals(tx.execute(status -> planNext()))) {
            planned++;
        }
        return planned;
    }

    private boolean planNext() {
        Optional<UUID> next = intents.claimNextToPlan();
        if (next.isEmpty()) {
            return false;
        }
        UUID id = next.get();
        StructuredIntent intent = intents.structured(id);
        if (intent.intentType() == IntentType.SCALING || intent.intentType() == IntentType.HEALING) {
            Observation.createNotStarted("intent.execute", observations)
                    .highCardinalityKeyValue("intent.id", id.toString())
                    .lowCardinalityKeyValue("intent.type", intent.intentType().name())
                    .observe(() -> change(id, intent));
            return true;
        }
        Observation plan = Observation.createNotStarted("intent.plan", observations)
                .highCardinalityKeyValue("intent.id", id.toString())
                .start();
        try (Observation.Scope scope = plan.openScope()) {
            return plan(id, intent);
        } catch (RuntimeException e) {
            plan.error(e);
            throw e;
        } finally {
            plan.stop();
        }
    }

    /** Scaling and healing: the CNFs' changes start, or the intent fails with why, in this transaction. */
    private void change(UUID id, StructuredIntent intent) {
        Timer.Sample executing = metrics.start();
        try {
            CnfChangeIntents.Outcome outcome = changes.execute(id, intent);
            metrics.stop(executing, IntentMetrics.Stage.EXECUTE);
            intents.recordPlan(id, Map.of("changes", outcome.changes()));
            intents.changeStatus(
                    id,
                    IntentLifecycleStatus.IN_PROGRESS,
                    STAGE_PLANNED,
                    outcome.summary(),
                    Map.of("changes", outcome.changes()));
        } catch (CnfChangeIntents.Refused e) {
            intents.recordPlan(id, Map.of("error", e.getMessage()));
            intents.changeStatus(id, IntentLifecycleStatus.FAILED, STAGE_FAILED, e.getMessage(), Map.of());
        }
    }

    private boolean plan(UUID id, StructuredIntent intent) {
        try {
            Timer.Sample planning = metrics.start();
            Plan plan = planner.plan(intent);
            metrics.stop(planning, IntentMetrics.Stage.PLAN);
            Map<String, Object> recorded = json.convertValue(plan, JSON_OBJECT);
            intents.recordPlan(id, recorded);
            cnfs.createFromPlan(id, plan);
            intents.changeStatus(
                    id,
                    IntentLifecycleStatus.IN_PROGRESS,
                    STAGE_PLANNED,
                    plan.cnfs().size() + " CNF(s) on "
                            + plan.cnfs().stream()
                                    .map(Plan.Cnf::clusterName)
                                    .distinct()
                                    .toList(),
                    Map.of("plan", recorded));
        } catch (PlanningException e) {
            intents.recordPlan(id, Map.of("error", e.getMessage()));
            intents.changeStatus(id, IntentLifecycleStatus.FAILED, STAGE_FAILED, e.getMessage(), Map.of());
        } catch (RestClientException e) {
            log.warn("Cluster registry not reachable while planning intent {}; retrying next pass", id);
            return false;
        }
        return true;
    }

    /**
     * An intent was acknowledged and committed: the planners look now instead of at their next poll (a busy
     * one right after its pass; one that finds nothing goes back to sleep).
     */
    @org.springframework.transaction.event.TransactionalEventListener
    void onAcknowledged(dev.aiops.intent.intent.IntentAcknowledged acknowledged) {
        loops.forEach(PollingLoop::wake);
    }

    @Override
    public void start() {
        loops.forEach(PollingLoop::start);
    }

    @Override
    public void stop() {
        loops.forEach(PollingLoop::stop);
    }

    @Override
    public boolean isRunning() {
        return loops.stream().anyMatch(PollingLoop::isRunning);
    }
}
