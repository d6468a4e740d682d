package dev.aiops.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition that a real server reaches asynchronously; fails with the last value seen. */
final class Polling {

    private Polling() {}

    static String until(Supplier<String> probe, Predicate<String> done, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        String last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Condition not reached within " + limit + "; last value: " + last);
            }
            Thread.sleep(200);
            last = probe.get();
        }
        return last;
    }
}
