package dev.aiops.intelligence.chat;

import dev.aiops.model.intelligence.MessageRole;

/**
 * An earlier message as the model is sent it: role and text only. A turn reads the history this way, so
 * the stored tool calls and results (JSON, possibly large) are neither fetched nor decoded on every turn.
 */
record HistoryEntry(MessageRole role, String content) {}
