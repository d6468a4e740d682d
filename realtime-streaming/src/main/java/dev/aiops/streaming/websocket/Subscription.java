package dev.aiops.streaming.websocket;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** What one client wants to receive. Immutable: every change makes a new one. */
record Subscription(Set<EventType> eventTypes, Set<String> clusterFilter, Set<String> namespaceFilter) {

    static final Subscription NONE = new Subscription(Set.of(), Set.of(), Set.of());

    Subscription {
        eventTypes = eventTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(eventTypes));
        clusterFilter = Set.copyOf(clusterFilter);
        namespaceFilter = Set.copyOf(namespaceFilter);
    }

    Subscription plus(Collection<EventType> types, List<String> clusters, List<String> namespaces) {
        Set<EventType> all = EnumSet.noneOf(EventType.class);
        all.addAll(eventTypes);
        all.addAll(types.isEmpty() ? EnumSet.allOf(EventType.class) : types);
        return new Subscription(
                all,
                clusters == null ? clusterFilter : Set.copyOf(clusters),
                namespaces == null ? namespaceFilter : Set.copyOf(namespaces));
    }

    Subscription minus(Collection<EventType> types) {
        Set<EventType> left = eventTypes.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(eventTypes);
        if (types.isEmpty()) {
            left.clear();
        } else {
            left.removeAll(types);
        }
        return new Subscription(left, clusterFilter, namespaceFilter);
    }

    boolean isActive() {
        return !eventTypes.isEmpty();
    }

    boolean matches(EventEnvelope<JsonNode> event) {
        if (!eventTypes.contains(event.eventType())) {
            return false;
        }
        if (!clusterFilter.isEmpty()
                && event.clusterId() != null
                && !clusterFilter.contains(event.clusterId().toString())) {
            return false;
        }
        return namespaceFilter.isEmpty() || namespaceFilter.contains(namespace(event.payload()));
    }

    ServerMessage.SubscriptionView view() {
        return new ServerMessage.SubscriptionView(
                eventTypes.stream().sorted().toList(),
                clusterFilter.stream().sorted().toList(),
                namespaceFilter.stream().sorted().toList());
    }

    private static String namespace(JsonNode payload) {
        if (payload == null) {
            return null;
        }
        JsonNode direct = payload.path("namespace");
        if (direct.isString()) {
            return direct.asString();
        }
        JsonNode labelled = payload.path("labels").path("namespace");
        return labelled.isString() ? labelled.asString() : null;
    }
}
