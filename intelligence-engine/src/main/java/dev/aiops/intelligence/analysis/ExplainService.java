package dev.aiops.intelligence.analysis;

import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.platform.error.ApiException;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * Explains one anomaly or alert: what was seen (template over the stored anomaly or the alert) and the most
 * likely cause found by a root-cause analysis started from it.
 */
@Service
class ExplainService {

    private final AnomalyStore anomalies;
    private final RcaService rca;
    private final ModelWriter writer;

    ExplainService(AnomalyStore anomalies, RcaService rca, ModelWriter writer) {
        this.anomalies = anomalies;
        this.rca = rca;
        this.writer = writer;
    }

    Explanation explain(ExplainRequest request, String userId) {
        if (!request.violations().isEmpty()) {
            throw ApiException.validation(request.violations());
        }
        String what;
        String kind;
        String ref;
        RcaResult result;
        if (request.anomalyId() != null) {
            AnomalyDetection anomaly = anomalies.get(request.anomalyId());
            kind = "ANOMALY";
            ref = anomaly.id().toString();
            what = Explanations.anomaly(anomaly);
            result = rca.analyze(new RcaRequest(null, anomaly.id(), null, null, null), userId, false);
        } else {
            kind = "ALERT";
            ref = request.alertFingerprint();
            result = rca.analyze(new RcaRequest(request.alertFingerprint(), null, null, null, null), userId, false);
            what = String.format(
                    Locale.ROOT,
                    "Alert %s on cluster %s.",
                    request.alertFingerprint(),
                    result.clusterName() == null ? String.valueOf(result.clusterId()) : result.clusterName());
        }
        String template;
        String cause = null;
        double confidence = 0.0;
        if (result.causes().isEmpty()) {
            template = what + " No related signal was found to explain it.";
        } else {
            RcaResult.CandidateCause top = result.causes().get(0);
            template = what + " Most likely cause: " + top.explanation() + " " + top.recommendation();
            cause = top.objectId();
            confidence = top.confidence();
        }
        var written = writer.write(facts(template, result));
        return new Explanation(
                kind,
                ref,
                written.map(ModelWriter.Written::text).orElse(template),
                cause,
                confidence,
                result.analysisId(),
                written.isPresent() ? ModelWriter.SOURCE_MODEL : ModelWriter.SOURCE_TEMPLATE,
                written.map(ModelWriter.Written::model).orElse(null));
    }

    /** The template sentence and the ranked causes, the only facts the model may use. */
    static String facts(String template, RcaResult result) {
        StringBuilder facts = new StringBuilder("Observation and most likely cause: ").append(template);
        for (RcaResult.CandidateCause c : result.causes()) {
            facts.append(String.format(
                    Locale.ROOT,
                    "%nCandidate %d: %s (%s), confidence %.2f: %s Recommended: %s",
                    c.rank(),
                    c.objectId(),
                    c.objectKind(),
                    c.confidence(),
                    c.explanation(),
                    c.recommendation()));
        }
        return facts.toString();
    }
}
