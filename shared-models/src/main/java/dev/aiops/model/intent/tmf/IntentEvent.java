package dev.aiops.model.intent.tmf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A TMF921 notification POSTed to hub subscribers. {@code eventType} (also the {@code @type}) is one of
 * {@link #EVENT_TYPES}; {@code event} carries the intent, or the report for IntentReportCreateEvent.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IntentEvent(
        String eventId,
        Instant eventTime,
        String eventType,
        String correlationId,
        Body event,
        @JsonProperty("@type") String type) {

    public static final String CREATE = "IntentCreateEvent";
    public static final String ATTRIBUTE_VALUE_CHANGE = "IntentAttributeValueChangeEvent";
    public static final String STATUS_CHANGE = "IntentStatusChangeEvent";
    public static final String DELETE = "IntentDeleteEvent";
    public static final String REPORT_CREATE = "IntentReportCreateEvent";
    public static final List<String> EVENT_TYPES =
            List.of(CREATE, ATTRIBUTE_VALUE_CHANGE, STATUS_CHANGE, DELETE, REPORT_CREATE);

    /** The resource the event is about. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Body(Intent intent, IntentReport intentReport) {}
}
