package dev.aiops.collector.alert;

import java.util.UUID;

/**
 * The cluster a batch of alerts belongs to, when the caller knows it: the cluster named on the webhook
 * ({@code ?cluster=}) or the cluster whose Alertmanager was polled. Its id and name replace whatever the
 * alerts' labels say, so that the webhook and the poll of one cluster agree on every alert's identity.
 */
record ClusterScope(UUID id, String name) {}
