package dev.aiops.collector.faults;

import java.util.UUID;

/** What the fault suites send: an Alertmanager v4 webhook with one firing alert. */
final class AlertmanagerWebhooks {

    private AlertmanagerWebhooks() {}

    static String firing(String fingerprint) {
        return """
                {
                  "receiver": "aiops-webhook",
                  "status": "firing",
                  "alerts": [{
                    "status": "firing",
                    "labels": {"alertname": "KubePodCrashLooping", "namespace": "cnf-upf",
                               "cluster_id": "%s", "cluster": "edge-paris-01"},
                    "annotations": {"summary": "Pod is crash looping."},
                    "startsAt": "2026-01-15T09:41:02.117Z",
                    "endsAt": "0001-01-01T00:00:00Z",
                    "generatorURL": "https://console.example.net/monitoring/graph?g0.expr=up",
                    "fingerprint": "%s"
                  }],
                  "groupLabels": {"alertname": "KubePodCrashLooping"},
                  "commonLabels": {"alertname": "KubePodCrashLooping"},
                  "commonAnnotations": {},
                  "externalURL": "https://alertmanager.example.net",
                  "version": "4",
                  "groupKey": "{}:{alertname=\\"KubePodCrashLooping\\"}",
                  "truncatedAlerts": 0
                }
                """.formatted(UUID.randomUUID(), fingerprint);
    }
}
