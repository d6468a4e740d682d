package dev.aiops.intent.intent;

import dev.aiops.model.intent.IntentLifecycleStatus;
import dev.aiops.model.intent.IntentType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intent pipeline's meters, registered at start-up for every stage, status and type: the shipped
 * dashboards' rates and success ratios then read zero instead of "no data" before the first intent, and a
 * counter's first increment is not lost to {@code rate()}.
 */
@Component
public class IntentMetrics {

    /**
     * The timed stages of {@code intent_processing_seconds}. PARSE, PLAN and EXECUTE time the work; QUEUE and
     * PUBLISH time where an intent waits: QUEUE from its creation until a planner takes it, PUBLISH from its
     * CNFs' creation (the plan's commit) until its last package is published, porch-adapter's calls and the
     * CNF worker's queue together.
     */
    public enum Stage {
        PARSE,
        QUEUE,
        PLAN,
        EXECUTE,
        PUBLISH
    }

    private final MeterRegistry meters;
    private final Map<Stage, Timer> stages = new EnumMap<>(Stage.class);
    private final Map<IntentLifecycleStatus, Map<IntentType, Counter>> processed =
            new EnumMap<>(IntentLifecycleStatus.class);

    IntentMetrics(MeterRegistry meters, JsonMapper json) {
        this.meters = meters;
        for (Stage stage : Stage.values()) {
            stages.put(
                    stage,
                    Timer.builder("intent.processing")
                            .description("Time an intent spends in one stage of the pipeline")
                            .tag("stage", stage.name().toLowerCase(Locale.ROOT))
                            .publishPercentileHistogram()
                            .register(meters));
        }
        for (IntentLifecycleStatus status : IntentLifecycleStatus.values()) {
            Map<IntentType, Counter> byType = new EnumMap<>(IntentType.class);
            for (IntentType type : IntentType.values()) {
                byType.put(
                        type,
                        Counter.builder("intent.processed")
                                .description("Intents that reached a lifecycle status")
                                .tag("status", json.convertValue(status, String.class))
                                .tag("type", type.name().toLowerCase(Locale.ROOT))
                                .register(meters));
            }
            processed.put(status, byType);
        }
    }

    public Timer.Sample start() {
        return Timer.start(meters);
    }

    public void stop(Timer.Sample sample, Stage stage) {
        sample.stop(stages.get(stage));
    }

    public void record(Stage stage, java.time.Duration duration) {
        stages.get(stage).record(duration);
    }

    void reached(IntentLifecycleStatus status, IntentType type) {
        processed.get(status).get(type).increment();
    }
}
