package dev.aiops.model.cnf;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Lifecycle of a CNF. The legal transitions are the table below, kept as data so that services, tests
 * and documentation read the same source:
 *
 * <pre>
 * PENDING → PROVISIONING → CONFIGURING → ACTIVE
 * ACTIVE → SCALING → ACTIVE        ACTIVE → UPDATING → ACTIVE
 * ACTIVE → DEGRADED → HEALING → ACTIVE
 * ACTIVE → TERMINATING → DELETED
 * any state but DELETED and FAILED → FAILED (unrecoverable error)
 * FAILED → TERMINATING (clean up what a failed CNF left behind)
 * </pre>
 *
 * DELETED is terminal. Anything else is illegal and must be rejected (ILLEGAL_STATE_TRANSITION).
 */
public enum CnfState {
    PENDING,
    PROVISIONING,
    CONFIGURING,
    ACTIVE,
    SCALING,
    UPDATING,
    DEGRADED,
    HEALING,
    TERMINATING,
    DELETED,
    FAILED;

    private static final Map<CnfState, Set<CnfState>> TRANSITIONS = new EnumMap<>(CnfState.class);

    static {
        allow(PENDING, PROVISIONING);
        allow(PROVISIONING, CONFIGURING);
        allow(CONFIGURING, ACTIVE);
        allow(ACTIVE, SCALING, UPDATING, DEGRADED, TERMINATING);
        allow(SCALING, ACTIVE);
        allow(UPDATING, ACTIVE);
        allow(DEGRADED, HEALING);
        allow(HEALING, ACTIVE);
        allow(TERMINATING, DELETED);
        allow(DELETED);
        allow(FAILED, TERMINATING);
        for (CnfState state : values()) {
            if (state != DELETED && state != FAILED) {
                TRANSITIONS.get(state).add(FAILED);
            }
        }
        TRANSITIONS.replaceAll((state, next) -> Collections.unmodifiableSet(next));
    }

    private static void allow(CnfState from, CnfState... to) {
        Set<CnfState> next = EnumSet.noneOf(CnfState.class);
        next.addAll(Set.of(to));
        TRANSITIONS.put(from, next);
    }

    /** The states this one may move to; empty for DELETED. */
    public Set<CnfState> allowedNext() {
        return TRANSITIONS.get(this);
    }

    public boolean canTransitionTo(CnfState next) {
        return next != null && TRANSITIONS.get(this).contains(next);
    }

    /**
     * Returns {@code next} if the move is legal.
     *
     * @throws IllegalStateException if it is not
     */
    public CnfState transitionTo(CnfState next) {
        if (!canTransitionTo(next)) {
            throw new IllegalStateException(
                    "illegal CNF state transition " + this + " -> " + next + "; allowed: " + allowedNext());
        }
        return next;
    }

    /** True for DELETED, which nothing follows. */
    public boolean isTerminal() {
        return TRANSITIONS.get(this).isEmpty();
    }
}
