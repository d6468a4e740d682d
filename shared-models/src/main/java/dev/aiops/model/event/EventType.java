package dev.aiops.model.event;

import dev.aiops.model.cluster.ClusterChangedEvent;
import dev.aiops.model.cluster.ClusterStatusChangedEvent;
import dev.aiops.model.cluster.CredentialsExpiringEvent;
import dev.aiops.model.cnf.CnfStateChangedEvent;
import dev.aiops.model.gpu.GpuNode;
import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.model.intelligence.ChatMessage;
import dev.aiops.model.intelligence.RcaCompletedEvent;
import dev.aiops.model.intelligence.ReportGeneratedEvent;
import dev.aiops.model.intent.IntentCreatedEvent;
import dev.aiops.model.intent.IntentStatusChangedEvent;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.FcapsEventSummary;
import dev.aiops.model.observability.KpmReport;
import dev.aiops.model.observability.MetricUpdateEvent;
import dev.aiops.model.packages.PackageRevisionChangedEvent;

/**
 * Every event the platform emits, with its domain and payload record. The domain names the Redis channel
 * {@code aiops:events:{domain}} and stream {@code aiops:stream:{domain}} the event travels on; consumers
 * reading envelopes generically convert the payload to {@link #payloadType()}.
 *
 * <p>To add an event type: add a constant here with its domain and payload record; publishers pass the
 * record to the event bus or outbox, nothing else needs registering.
 */
public enum EventType {
    CLUSTER_REGISTERED(EventDomain.CLUSTER, ClusterChangedEvent.class),
    CLUSTER_UPDATED(EventDomain.CLUSTER, ClusterChangedEvent.class),
    CLUSTER_DELETED(EventDomain.CLUSTER, ClusterChangedEvent.class),
    CLUSTER_STATUS_CHANGED(EventDomain.CLUSTER, ClusterStatusChangedEvent.class),
    CLUSTER_CREDENTIALS_UPDATED(EventDomain.CLUSTER, ClusterChangedEvent.class),
    CLUSTER_CAPABILITIES_CHANGED(EventDomain.CLUSTER, ClusterChangedEvent.class),
    CLUSTER_CREDENTIALS_EXPIRING(EventDomain.CLUSTER, CredentialsExpiringEvent.class),
    ALERT_FIRED(EventDomain.ALERT, Alert.class),
    ALERT_RESOLVED(EventDomain.ALERT, Alert.class),
    METRIC_UPDATE(EventDomain.METRIC, MetricUpdateEvent.class),
    GPU_UPDATE(EventDomain.GPU, GpuNode.class),
    ANOMALY_DETECTED(EventDomain.INTELLIGENCE, AnomalyDetection.class),
    CHAT_MESSAGE(EventDomain.INTELLIGENCE, ChatMessage.class),
    RCA_COMPLETE(EventDomain.INTELLIGENCE, RcaCompletedEvent.class),
    REPORT_GENERATED(EventDomain.INTELLIGENCE, ReportGeneratedEvent.class),
    INTENT_CREATED(EventDomain.INTENT, IntentCreatedEvent.class),
    INTENT_STATUS_CHANGED(EventDomain.INTENT, IntentStatusChangedEvent.class),
    CNF_STATE_CHANGED(EventDomain.CNF, CnfStateChangedEvent.class),
    PACKAGE_REVISION_CHANGED(EventDomain.PACKAGE, PackageRevisionChangedEvent.class),
    FCAPS_EVENT_RECEIVED(EventDomain.FCAPS, FcapsEventSummary.class),
    KPM_REPORT(EventDomain.KPM, KpmReport.class);

    private final EventDomain domain;
    private final Class<?> payloadType;

    EventType(EventDomain domain, Class<?> payloadType) {
        this.domain = domain;
        this.payloadType = payloadType;
    }

    public EventDomain domain() {
        return domain;
    }

    /** The record this event's payload holds. */
    public Class<?> payloadType() {
        return payloadType;
    }
}
