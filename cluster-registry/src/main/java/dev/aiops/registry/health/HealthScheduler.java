package dev.aiops.registry.health;

import dev.aiops.registry.config.RegistryProperties;
import dev.aiops.registry.config.Threads;
import dev.aiops.registry.credentials.ClusterConnection;
import dev.aiops.registry.credentials.CredentialsService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The health loop of one replica. Each poll claims due clusters (never more than it has free check
 * slots), and runs their checks asynchronously: reading the credentials and recording the result run
 * on small pools, the HTTP calls hold no thread while waiting. A hanging endpoint therefore occupies
 * one slot for at most its timeout; other clusters keep being claimed while slots remain, and with
 * {@code max-concurrent-checks} sized above the number of hanging clusters nothing waits at all.
 */
@Component
class HealthScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HealthScheduler.class);

    private final HealthStore store;
    private final HealthProber prober;
    private final HealthRecorder recorder;
    private final CredentialsService credentials;
    private final RegistryProperties.Health properties;
    private final String instanceId;
    private final Semaphore slots;
    private final AtomicBoolean pollPending = new AtomicBoolean();
    private final Timer lateness;
    private final Timer checkDuration;
    private final Counter completed;
    private final Counter dropped;
    private volatile ScheduledExecutorService loop;
    private volatile ExecutorService workers;

    HealthScheduler(
            HealthStore store,
            HealthProber prober,
            HealthRecorder recorder,
            CredentialsService credentials,
            RegistryProperties properties,
            MeterRegistry meters,
            @Value("${spring.application.name:cluster-registry}") String serviceName,
            @Value("${aiops.registry.instance-id:}") String configuredInstanceId) {
        this.store = store;
        this.prober = prober;
        this.recorder = recorder;
        this.credentials = credentials;
        this.properties = properties.health();
        this.instanceId = configuredInstanceId.isBlank()
                ? serviceName + "-" + ProcessHandle.current().pid() + "-"
                        + UUID.randomUUID().toString().substring(0, 8)
                : configuredInstanceId;
        this.slots = new Semaphore(this.properties.maxConcurrentChecks());
        this.lateness = Timer.builder("aiops.registry.health.lateness")
                .description("How long after its due time a check was claimed")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.checkDuration = Timer.builder("aiops.registry.health.check.duration")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.completed = Counter.builder("aiops.registry.health.checks").register(meters);
        this.dropped = Counter.builder("aiops.registry.health.checks.dropped").register(meters);
        Gauge.builder(
                        "aiops.registry.health.in_flight",
                        slots,
                        s -> this.properties.maxConcurrentChecks() - s.availablePermits())
                .register(meters);
    }

    String instanceId() {
        return instanceId;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || loop != null) {
            return;
        }
        workers = Threads.boundedBlocking("health-worker", Math.max(2, properties.writerThreads()));
        loop = Executors.newSingleThreadScheduledExecutor(Threads.daemon("health-loop"));
        long period = properties.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::pollSafely, period, period, TimeUnit.MILLISECONDS);
        log.info(
                "Health checks started on {} ({} concurrent checks, virtual threads: {})",
                instanceId,
                properties.maxConcurrentChecks(),
                Threads.virtualThreadsAvailable());
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            ScheduledExecutorService stopping = loop;
            loop = null;
            stopping.shutdownNow();
            workers.shutdown();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                // hand unfinished checks to the other replicas now rather than when their leases expire
                int released = store.releaseLeases(instanceId + "/");
                if (released > 0) {
                    log.info("Released {} check leases on shutdown", released);
                }
            } catch (RuntimeException e) {
                log.debug("Could not release check leases: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100; // stop before the web server and the outbox relay
    }

    /** Asks for a poll now (a cluster was registered or its check requested), coalescing bursts. */
    void wakeUp() {
        ScheduledExecutorService current = loop;
        if (current != null && pollPending.compareAndSet(false, true)) {
            current.execute(() -> {
                pollPending.set(false);
                pollSafely();
            });
        }
    }

    private void pollSafely() {
        try {
            int claimed;
            do {
                claimed = pollOnce();
            } while (claimed > 0 && claimed == properties.claimBatchSize() && slots.availablePermits() > 0);
        } catch (RuntimeException e) {
            log.warn("Health poll failed: {}", e.toString());
        }
    }

    /** Claims and starts as many due checks as there are free slots; returns how many. */
    int pollOnce() {
        int free = Math.min(slots.availablePermits(), properties.claimBatchSize());
        if (free == 0) {
            return 0;
        }
        List<ClaimedCluster> claimed = store.claimDue(instanceId + "/" + UUID.randomUUID(), free);
        for (ClaimedCluster cluster : claimed) {
            slots.acquireUninterruptibly(); // never blocks: we claimed no more than the free slots
            if (cluster.dueAt() != null && cluster.claimedAt() != null) {
                lateness.record(
                        Duration.between(cluster.dueAt(), cluster.claimedAt()).abs());
            }
            run(cluster).whenComplete((state, error) -> slots.release());
        }
        return claimed.size();
    }

    /** One check, start to recorded result. Never completes exceptionally. */
    CompletableFuture<CheckResult> run(ClaimedCluster cluster) {
        ExecutorService pool = workers != null ? workers : java.util.concurrent.ForkJoinPool.commonPool();
        Duration timeout = properties.timeout(cluster.clusterType());
        long started = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> probe(cluster, timeout), pool)
                .thenCompose(check -> check)
                .thenApplyAsync(
                        result -> {
                            if (recorder.record(cluster, result).isPresent()) {
                                completed.increment();
                            } else {
                                dropped.increment();
                            }
                            checkDuration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                            return result;
                        },
                        pool)
                .exceptionally(error -> {
                    if (loop != null) { // during shutdown, in-flight checks are abandoned on purpose
                        log.warn("Health check of cluster {} failed to run: {}", cluster.id(), error.toString());
                    }
                    return null;
                });
    }

    private CompletableFuture<CheckResult> probe(ClaimedCluster cluster, Duration timeout) {
        ClusterConnection connection;
        try {
            connection =
                    credentials.connection(cluster.id(), cluster.name(), cluster.apiServerUrl(), cluster.endpoints());
        } catch (RuntimeException e) {
            // e.g. sealed under a key no longer configured: a real, reportable failure of the API server check
            log.warn("Credentials of cluster {} cannot be used: {}", cluster.id(), e.getMessage());
            return CompletableFuture.completedFuture(new CheckResult(
                    ProbeResult.failed("stored credentials cannot be opened", 0),
                    ProbeResult.ABSENT,
                    ProbeResult.ABSENT,
                    ProbeResult.ABSENT,
                    0));
        }
        return prober.check(connection, timeout);
    }

    Instant now() {
        return Instant.now();
    }
}
