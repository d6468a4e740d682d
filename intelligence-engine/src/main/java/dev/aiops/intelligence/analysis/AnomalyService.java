package dev.aiops.intelligence.analysis;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.model.intelligence.DetectionType;
import dev.aiops.platform.error.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * On-demand detection ({@code POST /api/v1/analysis/anomaly}): fetches the range or takes the points, scores
 * every series with its own detector from its first point on, and stores what it finds. The fetch happens
 * before any transaction; only the store is transactional. No event is sent: the caller asked and gets the
 * answer, and ANOMALY_DETECTED stays the signal of live detection.
 */
@Service
class AnomalyService {

    private final FleetApis apis;
    private final AnomalyStore store;
    private final AnalysisProperties properties;

    AnomalyService(FleetApis apis, AnomalyStore store, AnalysisProperties properties) {
        this.apis = apis;
        this.store = store;
        this.properties = properties;
    }

    AnomalyAnalysis analyze(AnomalyRequest request, String bearerToken) {
        var violations = request.violations();
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        List<FleetApis.Series> series = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String metricName;
        if (request.fromQuery()) {
            FleetApis.RangeResult range = fetch(request, bearerToken);
            series.addAll(range.series());
            warnings.addAll(range.warnings());
            metricName = null;
        } else {
            List<FleetApis.Point> points = request.points().stream()
                    .map(p -> new FleetApis.Point(p.timestamp(), p.value()))
                    .toList();
            series.add(new FleetApis.Series(request.clusterId(), null, request.labels(), points));
            metricName = request.metricName();
        }
        List<AnomalyDetection> found = new ArrayList<>();
        int pointCount = 0;
        for (FleetApis.Series s : series) {
            pointCount += s.points().size();
            if (s.points().size() < Detections.MIN_POINTS) {
                warnings.add("series " + describe(s) + " has only " + s.points().size() + " points: not scored");
                continue;
            }
            String name = metricName != null ? metricName : metricName(s.labels(), request.query());
            found.addAll(score(s, name, request));
        }
        List<AnomalyDetection> saved = store.save(found, AnomalyEntity.Origin.ON_DEMAND, false);
        return new AnomalyAnalysis(series.size(), pointCount, saved, warnings);
    }

    private FleetApis.RangeResult fetch(AnomalyRequest request, String bearerToken) {
        Duration step = PromDurations.parse(request.step());
        long points =
                Duration.between(request.startTime(), request.endTime()).toMillis() / Math.max(1, step.toMillis());
        if (points > AnomalyRequest.MAX_POINTS) {
            throw ApiException.invalidField(
                    ErrorCode.VALIDATION_FAILED,
                    "step",
                    "the range holds " + points + " steps; at most " + AnomalyRequest.MAX_POINTS + " per series");
        }
        try {
            return apis.queryRange(
                    request.query(),
                    request.clusterIds(),
                    request.startTime(),
                    request.endTime(),
                    request.step(),
                    bearerToken);
        } catch (FleetApis.SourceUnavailableException e) {
            if (e.status() == 400 || e.status() == 422) {
                // the collector refused the PromQL itself: the caller's input is at fault
                throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "query", e.getMessage());
            }
            if (e.status() == 401 || e.status() == 403) {
                throw new ApiException(ErrorCode.FORBIDDEN, "The collector refused the query for this user");
            }
            throw new ApiException(
                    ErrorCode.ANOMALY_DETECTION_FAILED, "The metrics could not be fetched: " + e.getMessage());
        }
    }

    private List<AnomalyDetection> score(FleetApis.Series s, String metricName, AnomalyRequest request) {
        Detections.SeriesDetector detector = new Detections.SeriesDetector(
                Detections.config(request.sensitivity(), s.points().size()),
                request.upperBound(),
                properties.detection().clearAfter());
        List<AnomalyDetection> found = new ArrayList<>();
        for (FleetApis.Point p : s.points()) {
            Detections.Finding finding = detector.accept(p.at(), p.value());
            if (finding != null) {
                found.add(toDetection(s, metricName, finding));
            }
        }
        return found;
    }

    static AnomalyDetection toDetection(FleetApis.Series s, String metricName, Detections.Finding f) {
        Map<String, String> labels = new LinkedHashMap<>(s.labels());
        return new AnomalyDetection(
                null,
                s.clusterId(),
                metricName,
                labels,
                DetectionType.STATISTICAL,
                f.severity(),
                f.type(),
                f.confidence(),
                f.expectedOrNull(),
                f.actual(),
                f.deviationPercent(),
                Explanations.anomaly(metricName, s.clusterName(), labels, f),
                f.at(),
                List.of());
    }

    /** {@code __name__} of the series if the query kept it, else the query itself (cut to the column's size). */
    static String metricName(Map<String, String> labels, String query) {
        String name = labels.get("__name__");
        if (name == null || name.isBlank()) {
            name = query.strip();
        }
        return name.length() > 256 ? name.substring(0, 256) : name;
    }

    private static String describe(FleetApis.Series s) {
        return String.format(Locale.ROOT, "%s%s", s.clusterName() == null ? "" : s.clusterName() + " ", s.labels());
    }
}
