package dev.aiops.registry.o2ims;

import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.registry.config.RegistryProperties;
import dev.aiops.registry.config.Threads;
import dev.aiops.registry.security.OutboundHttp;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends pending O2 IMS notifications: per subscription the oldest one first (later ones wait, so a
 * subscriber sees them in order), retried with exponential backoff and jitter, removed once the
 * callback answers 2xx, parked as failed after {@code max-delivery-attempts}. Rows are leased while in
 * flight, so several replicas never send the same notification at once; a crash only delays it.
 */
@Component
class O2ImsDeliveryRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(O2ImsDeliveryRelay.class);
    private static final int BATCH = 50;

    private static final MediaType JSON = MediaType.get("application/json");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final OutboundUrlGuard urlGuard;
    private final RegistryProperties.O2ims properties;
    private final OkHttpClient http;
    private volatile ScheduledExecutorService loop;

    O2ImsDeliveryRelay(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            OutboundUrlGuard urlGuard,
            OutboundHttp outbound,
            RegistryProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.urlGuard = urlGuard;
        this.properties = properties.o2ims();
        // checked, pinned addresses and no redirects: a callback URL is user input like any other
        this.http = outbound.plainClient(this.properties.callbackTimeout());
    }

    private record Pending(long id, String callback, String payload, int attempts) {}

    @Override
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(Threads.daemon("o2ims-relay"));
        long period = properties.deliveryPollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::runSafely, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    private void runSafely() {
        try {
            deliverBatch();
        } catch (RuntimeException e) {
            log.warn("O2 IMS delivery run failed: {}", e.toString());
        }
    }

    /** Sends one batch and waits for the answers; returns how many were attempted. */
    int deliverBatch() {
        List<Pending> batch = claim();
        if (batch.isEmpty()) {
            return 0;
        }
        CompletableFuture<?>[] calls = batch.stream().map(this::send).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(calls).join();
        return batch.size();
    }

    private List<Pending> claim() {
        Duration lease = properties.callbackTimeout().plusSeconds(30);
        List<Pending> claimed = transactions.execute(status -> {
            List<Pending> rows = jdbc.query(
                    "select d.id, s.callback, d.payload, d.attempts from o2ims_delivery d"
                            + " join o2ims_subscription s on s.id = d.subscription_id"
                            + " where d.failed_at is null and d.next_attempt_at <= now()"
                            + " and d.id = (select min(d2.id) from o2ims_delivery d2"
                            + " where d2.subscription_id = d.subscription_id and d2.failed_at is null)"
                            + " order by d.next_attempt_at, d.id limit ? for update of d skip locked",
                    (rs, i) -> new Pending(
                            rs.getLong("id"), rs.getString("callback"), rs.getString("payload"), rs.getInt("attempts")),
                    BATCH);
            if (!rows.isEmpty()) {
                jdbc.update(
                        "update o2ims_delivery set next_attempt_at = now() + ? * interval '1 millisecond' where id = any(?)",
                        lease.toMillis(),
                        (Object) rows.stream().map(Pending::id).toArray(Long[]::new));
            }
            return rows;
        });
        return claimed == null ? List.of() : claimed;
    }

    private CompletableFuture<Void> send(Pending pending) {
        try {
            urlGuard.checkBeforeCall(pending.callback());
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            failed(pending, e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        Call call;
        try {
            call = http.newCall(new Request.Builder()
                    .url(pending.callback())
                    .post(RequestBody.create(pending.payload(), JSON))
                    .build());
        } catch (IllegalArgumentException e) {
            failed(pending, "callback is not a valid URL");
            return CompletableFuture.completedFuture(null);
        }
        call.timeout().timeout(properties.callbackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Integer> status = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                status.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    status.complete(response.code());
                }
            }
        });
        return status.orTimeout(properties.callbackTimeout().toMillis() + 500, TimeUnit.MILLISECONDS)
                .handle((code, error) -> {
                    if (error == null && code >= 200 && code < 300) {
                        jdbc.update("delete from o2ims_delivery where id = ?", pending.id());
                    } else {
                        if (error != null) {
                            call.cancel();
                        }
                        failed(
                                pending,
                                error != null
                                        ? "callback unreachable ("
                                                + rootCause(error).getClass().getSimpleName() + ")"
                                        : "callback answered HTTP " + code);
                    }
                    return null;
                });
    }

    private static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private void failed(Pending pending, String error) {
        int attempts = pending.attempts() + 1;
        if (attempts >= properties.maxDeliveryAttempts()) {
            jdbc.update(
                    "update o2ims_delivery set attempts = ?, last_error = ?, failed_at = now() where id = ?",
                    attempts,
                    error,
                    pending.id());
            log.warn("O2 IMS notification {} abandoned after {} attempts: {}", pending.id(), attempts, error);
            return;
        }
        jdbc.update(
                "update o2ims_delivery set attempts = ?, last_error = ?, next_attempt_at = ? where id = ?",
                attempts,
                error,
                Timestamp.from(Instant.now().plus(backoff(attempts))),
                pending.id());
    }

    /** initial × 2^(attempts-1), capped, with up to 20 % jitter so retries of many rows spread out. */
    Duration backoff(int attempts) {
        long initial = properties.initialBackoff().toMillis();
        long max = properties.maxBackoff().toMillis();
        long delay = initial << Math.min(attempts - 1, 30);
        if (delay <= 0 || delay > max) {
            delay = max;
        }
        long jitter = (long) (delay * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(delay + jitter);
    }
}
