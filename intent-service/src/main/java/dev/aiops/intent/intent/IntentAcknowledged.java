package dev.aiops.intent.intent;

import java.util.UUID;

/**
 * Published (in-process, inside the creating transaction) when an intent is stored as acknowledged, so the
 * planning pipeline can look for it as soon as that transaction commits instead of at its next poll.
 */
public record IntentAcknowledged(UUID intentId) {}
