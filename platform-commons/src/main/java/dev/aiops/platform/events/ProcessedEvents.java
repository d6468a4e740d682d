package dev.aiops.platform.events;

import java.util.UUID;

/**
 * Remembers which events a consumer group has handled, so a redelivered event (after a crash between
 * handling and acknowledging) is not handled twice.
 */
public interface ProcessedEvents {

    /**
     * Runs {@code work} unless {@code eventId} was already processed by {@code group}; records it as
     * processed when {@code work} succeeds, atomically with it where the store allows.
     *
     * @return true if the work ran, false for a duplicate
     */
    boolean runOnce(String group, UUID eventId, Work work) throws Exception;

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}
