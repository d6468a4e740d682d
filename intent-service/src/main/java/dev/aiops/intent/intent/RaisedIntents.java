package dev.aiops.intent.intent;

import dev.aiops.model.intent.StructuredIntent;
import java.util.UUID;

/**
 * How the closed loop raises intents: through the same table, reports and events as every other intent, so
 * they flow through the same pipeline. Unlike a user's intent, the caller's {@code source} and
 * {@code correlation_id} (the triggering event) are kept.
 */
public interface RaisedIntents {

    /**
     * Stores the intent as acknowledged, joining the caller's transaction when there is one, so the intent and
     * the caller's own decision commit together.
     *
     * @return the new intent's id
     */
    UUID raise(StructuredIntent intent, String name, String text, String raisedBy);
}
