package dev.aiops.intent.parsing;

/**
 * Turns an operator's sentence into a structured intent. Implementations never guess: text they cannot
 * fully understand yields a {@link ParseOutcome} that says what was recognised and what is missing.
 */
public interface IntentParser {

    ParseOutcome parse(String text);
}
