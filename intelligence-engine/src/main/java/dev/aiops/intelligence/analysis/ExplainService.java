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

    ExplainService(AnomalyStore anomalies, RcaService rca) {
        this.anomalies = anomalies;
        this.rca = rca;
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
            result = rca.analyze(new RcaRequest(null, anomaly.id(), null, null, null), userId);
        } else {
            kind = "ALERT";
            ref = request.alertFingerprint();
            result = rca.analyze(new RcaRequest(request.alertFingerprint(), null, null, null, null), userId);
            what = String.format(
                    Locale.ROOT,
                    "Alert %s on cluster %s.",
                    request.alertFingerprint(),
                    result.clusterName() == null ? String.valueOf(result.clusterId()) : result.clusterName());
        }
        if (result.causes().isEmpty()) {
            return new Explanation(
                    kind,
                    ref,
                    what + " No related signal was found to explain it.",
                    null,
                    0.0,
                    result.analysisId(),
                    "TEMPLATE");
        }
        RcaResult.CandidateCause top = result.causes().get(0);
        String text = what + " Most likely cause: " + top.explanation() + " " + top.recommendation();
        return new Explanation(kind, ref, text, top.objectId(), top.confidence(), result.analysisId(), "TEMPLATE");
    }
}
