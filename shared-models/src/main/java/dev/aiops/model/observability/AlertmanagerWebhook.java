package dev.aiops.model.observability;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager webhook payload, version 4, in Alertmanager's own camelCase (note {@code externalURL}).
 * Unknown members are ignored so a newer Alertmanager does not break the receiver.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerWebhook(
        String version,
        String groupKey,
        int truncatedAlerts,
        String status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        @JsonProperty("externalURL") String externalUrl,
        List<AlertmanagerAlert> alerts) {

    public AlertmanagerWebhook {
        groupLabels = groupLabels == null ? Map.of() : Map.copyOf(groupLabels);
        commonLabels = commonLabels == null ? Map.of() : Map.copyOf(commonLabels);
        commonAnnotations = commonAnnotations == null ? Map.of() : Map.copyOf(commonAnnotations);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }
}
