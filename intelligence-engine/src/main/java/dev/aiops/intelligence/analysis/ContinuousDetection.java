package dev.aiops.intelligence.analysis;

import dev.aiops.model.intelligence.AnomalyDetection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Live detection on the configured fleet queries. Every poll fetches each query's new range from the collector
 * (as this service) for every cluster; each (cluster, series) has its own detector, created on first sight and
 * dropped least-recently-updated first beyond {@code max-series}. The first fetch of a query reaches back
 * {@code warm-up-window}: those points only teach the detectors, so a restart does not blind them and does not
 * re-announce old anomalies. A new anomaly is stored and announced as ANOMALY_DETECTED through the outbox, once
 * per episode ({@link Detections.SeriesDetector}).
 *
 * <p>Created only when {@code aiops.intelligence.analysis.detection.enabled} is true. One thread polls, so the
 * detectors (not thread-safe) are only touched by it. With several replicas each would announce the same
 * anomaly: run detection on one replica.
 */
class ContinuousDetection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ContinuousDetection.class);

    private final FleetApis apis;
    private final AnomalyStore store;
    private final AnalysisProperties.Detection properties;
    private final Clock clock;
    private final Map<String, Instant> fetchedUntil = new LinkedHashMap<>();
    private final Map<String, Detections.SeriesDetector> detectors;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    ContinuousDetection(FleetApis apis, AnomalyStore store, AnalysisProperties properties, Clock clock) {
        this.apis = apis;
        this.store = store;
        this.properties = properties.detection();
        this.clock = clock;
        int max = this.properties.maxSeries();
        // access order: the least recently updated series goes first once the bound is reached
        this.detectors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Detections.SeriesDetector> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anomaly-detection");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(
                this::pollSafely, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Series with a detector now (bounded by max-series). */
    synchronized int trackedSeries() {
        return detectors.size();
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // the next poll retries; a failing collector must not end the scheduler
            log.warn("Anomaly detection poll failed: {}", e.toString());
        }
    }

    /** One round over every query; public to the package so a test can drive it without waiting. */
    synchronized List<AnomalyDetection> poll() {
        List<AnomalyDetection> announced = new ArrayList<>();
        Instant now = clock.instant();
        for (AnalysisProperties.FleetQuery query : properties.queries()) {
            Instant learnedUntil = fetchedUntil.get(query.name());
            boolean warmUp = learnedUntil == null;
            Instant from = warmUp ? now.minus(properties.warmUpWindow()) : learnedUntil;
            if (!from.isBefore(now)) {
                continue;
            }
            FleetApis.RangeResult range;
            try {
                range = apis.queryRange(query.query(), List.of(), from, now, properties.step(), null);
            } catch (FleetApis.SourceUnavailableException e) {
                log.warn("Fleet query {} not fetched: {}", query.name(), e.getMessage());
                continue;
            }
            if (!range.warnings().isEmpty()) {
                // a cluster that did not answer this time is fetched again from the same point next time only
                // if no other cluster answered; its detector otherwise just misses these points
                log.info("Fleet query {}: {}", query.name(), range.warnings());
            }
            List<AnomalyDetection> found = new ArrayList<>();
            for (FleetApis.Series series : range.series()) {
                Map<String, String> labels = new TreeMap<>(series.labels());
                String key = AnomalyEntity.seriesKey(series.clusterId(), query.name(), labels);
                Detections.SeriesDetector detector = detectors.get(key);
                if (detector == null) {
                    detector = new Detections.SeriesDetector(
                            Detections.config(properties.sensitivity(), 0),
                            query.upperBound(),
                            properties.clearAfter());
                    detectors.put(key, detector);
                }
                for (FleetApis.Point point : series.points()) {
                    Detections.Finding finding = detector.accept(point.at(), point.value());
                    // during warm-up the history only teaches the detector: old episodes are not news
                    if (finding != null && !warmUp) {
                        found.add(AnomalyService.toDetection(series, query.name(), finding));
                    }
                }
            }
            fetchedUntil.put(query.name(), now);
            if (!found.isEmpty()) {
                announced.addAll(store.save(found, AnomalyEntity.Origin.CONTINUOUS, true));
            }
        }
        return announced;
    }
}
