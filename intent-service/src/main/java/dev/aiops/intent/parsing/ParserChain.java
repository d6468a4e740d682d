package dev.aiops.intent.parsing;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parser the service uses: the language model first when one is configured, the rules parser whenever the
 * model cannot answer (engine down, no model, too slow, breaker open, output invalid twice, a reading the sentence
 * does not support, or the model not understanding the sentence). The intent records which one answered in {@code
 * parse.method}. A sentence neither understands gets the rules parser's refusal, which names what was recognised
 * and what is missing (422 INTENT_PARSE_FAILED).
 *
 * <p>The model call runs under a Resilience4j time limiter (the whole parse, retry included) inside a circuit
 * breaker, so a slow or failing engine costs a sentence at most the timeout, and once the breaker opens nothing
 * waits on it at all until it is tried again.
 */
class ParserChain implements IntentParser, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ParserChain.class);

    private final IntentParser rules;
    private final Model model;

    /** The model parser with its guards; null when none is configured. */
    record Model(LlmIntentParser parser, CircuitBreaker breaker, TimeLimiter limiter, ExecutorService executor) {}

    ParserChain(IntentParser rules, Model model) {
        this.rules = rules;
        this.model = model;
    }

    @Override
    public ParseOutcome parse(String text) {
        if (model != null) {
            try {
                ParseOutcome outcome = model.breaker()
                        .executeCallable(() -> model.limiter()
                                .executeFutureSupplier(() -> CompletableFuture.supplyAsync(
                                        () -> model.parser().parse(text), model.executor())));
                if (outcome.understood()) {
                    return outcome;
                }
                log.debug("The model did not understand the sentence ({}); the rules parser answers", outcome.reason());
            } catch (CallNotPermittedException e) {
                log.debug("Model parser skipped: circuit open");
            } catch (RejectedExecutionException e) {
                log.warn("Model parser saturated; the rules parser answers");
            } catch (Exception e) {
                log.warn("Model parser failed; the rules parser answers: {}", e.toString());
            }
        }
        return rules.parse(text);
    }

    @Override
    public void close() {
        if (model != null) {
            model.executor().shutdownNow();
        }
    }
}
