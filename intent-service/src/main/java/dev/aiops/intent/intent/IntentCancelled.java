package dev.aiops.intent.intent;

import java.util.UUID;

/**
 * Published (in-process, inside the cancelling transaction) when an intent is cancelled, so what was
 * deployed for it is undone in the same transaction that records the cancellation.
 */
public record IntentCancelled(UUID intentId, String reason) {}
