package dev.aiops.collector.alert;

import dev.aiops.collector.alert.AlertmanagerApiClient.ApiAlert;
import dev.aiops.collector.alert.AlertmanagerApiClient.PollFailedException;
import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.collector.cluster.ClusterDirectory;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertmanagerAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Polls every cluster's Alertmanager ({@link ClusterDirectory#withAlertmanager()}, kept current by the
 * CLUSTER_* events) and reconciles the stored alerts with what it lists: the catch-up for alerts fired or
 * resolved while the collector was down or a webhook was lost. The first round runs shortly after start-up.
 *
 * <p>Runs on its own threads, not on Spring's shared scheduler: a slow Alertmanager must not delay the KPM
 * window closing or the VES heartbeat checks that share that one thread. A cluster whose Alertmanager cannot
 * be read is left untouched for that round (never "everything resolved" because a call failed).
 */
@Component
class AlertmanagerPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerPoller.class);

    private final ClusterDirectory directory;
    private final AlertmanagerApiClient client;
    private final AlertService alerts;
    private final AlertProperties.Poll settings;
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;
    private volatile boolean running;

    AlertmanagerPoller(
            ClusterDirectory directory, AlertmanagerApiClient client, AlertService alerts, AlertProperties properties) {
        this.directory = directory;
        this.client = client;
        this.alerts = alerts;
        this.settings = properties.poll();
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || running) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "alertmanager-poll"));
        workers = Executors.newFixedThreadPool(settings.threads(), r -> daemon(r, "alertmanager-poll-worker"));
        scheduler.scheduleWithFixedDelay(
                this::pollAll,
                settings.initialDelay().toMillis(),
                settings.interval().toMillis(),
                TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
            workers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One round over the fleet; the clusters are polled in parallel, each bounded by its timeouts. */
    void pollAll() {
        try {
            pollFleet();
        } catch (RuntimeException e) {
            // an exception escaping a scheduled task would cancel every later round
            log.warn("Alertmanager poll round failed: {}", e.toString());
        }
    }

    private void pollFleet() {
        List<ClusterConnection> clusters;
        try {
            clusters = directory.withAlertmanager();
        } catch (RuntimeException e) {
            log.warn("Alertmanager poll skipped, the cluster list is not available: {}", e.toString());
            return;
        }
        List<Future<?>> rounds = new ArrayList<>();
        for (ClusterConnection cluster : clusters) {
            rounds.add(workers.submit(() -> poll(cluster)));
        }
        for (Future<?> round : rounds) {
            try {
                round.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("Alertmanager poll failed: {}", e.toString());
            }
        }
    }

    void poll(ClusterConnection cluster) {
        Instant readAt = Instant.now();
        List<ApiAlert> listed;
        try {
            listed = client.activeAlerts(cluster);
        } catch (PollFailedException e) {
            log.warn("Polling the Alertmanager of cluster {} failed: {}", cluster.name(), e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ClusterScope scope = new ClusterScope(cluster.id(), cluster.name());
        List<Alert> active = new ArrayList<>();
        for (ApiAlert a : listed) {
            List<FieldViolation> violations = new ArrayList<>();
            Alert alert = AlertmanagerMapping.toAlert(
                    new AlertmanagerAlert(
                            "firing",
                            a.labels(),
                            a.annotations(),
                            a.startsAt(),
                            null,
                            a.generatorUrl(),
                            a.fingerprint()),
                    null,
                    "",
                    violations);
            if (alert == null) {
                log.warn("Skipping an alert of cluster {}'s Alertmanager: {}", cluster.name(), violations);
                continue;
            }
            // the polled cluster is the truth, whatever cluster labels the alert carries
            active.add(withCluster(alert, scope));
        }
        AlertService.Reconciliation result = alerts.reconcile(scope, active, readAt);
        if (result.fired() > 0 || result.resolved() > 0) {
            log.info(
                    "Alertmanager poll of cluster {}: {} active, {} newly firing, {} resolved",
                    cluster.name(),
                    result.active(),
                    result.fired(),
                    result.resolved());
        }
    }

    private static Alert withCluster(Alert a, ClusterScope scope) {
        return new Alert(
                a.id(),
                a.fingerprint(),
                scope.id(),
                scope.name(),
                a.alertname(),
                a.severity(),
                a.state(),
                a.labels(),
                a.annotations(),
                a.startsAt(),
                a.endsAt(),
                a.generatorUrl());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
