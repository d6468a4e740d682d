package dev.aiops.registry.health;

/**
 * Outcome of probing one component. {@code healthy} is null when the cluster does not have the
 * component (no URL), which neither scores nor fails.
 */
record ProbeResult(Boolean healthy, String error, long durationMillis) {

    static final ProbeResult ABSENT = new ProbeResult(null, null, 0);

    static ProbeResult ok(long durationMillis) {
        return new ProbeResult(true, null, durationMillis);
    }

    static ProbeResult failed(String error, long durationMillis) {
        return new ProbeResult(false, error, durationMillis);
    }

    boolean failed() {
        return Boolean.FALSE.equals(healthy);
    }
}
