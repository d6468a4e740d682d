package dev.aiops.rca;

import java.time.Instant;
import java.util.Objects;

/**
 * One piece of evidence attached to a fleet object.
 *
 * @param objectId the object it is about
 * @param kind what it says
 * @param name the alert, fault or change name, e.g. {@code KubeNodeNotReady}, {@code revision v7 published}
 * @param at when it started
 */
public record Signal(String objectId, SignalKind kind, String name, Instant at) {
    public Signal {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
    }
}
