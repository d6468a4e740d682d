package dev.aiops.intent.planning;

/** The intent cannot be placed (no matching cluster, a function above its maximum); the message says why. */
public class PlanningException extends RuntimeException {

    PlanningException(String reason) {
        super(reason);
    }
}
