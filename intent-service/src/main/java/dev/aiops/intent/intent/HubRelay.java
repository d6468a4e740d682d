package dev.aiops.intent.intent;

import dev.aiops.intent.support.PollingLoop;
import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the hub's pending notifications. Per (listener, intent) only the oldest pending one is eligible, so
 * a later event of an intent never overtakes an earlier one; across intents and listeners they go out in
 * parallel. A claimed row is leased (its next attempt pushed past the call's timeouts) in a short
 * transaction with {@code SKIP LOCKED}, so several replicas never send the same notification at once and a
 * relay that dies mid-call only delays it. 2xx removes the row; anything else (an error status, a timeout,
 * a refused connection, a callback the URL guard now refuses) schedules the next attempt with exponential
 * backoff.
 */
@Component
class HubRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HubRelay.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutboundUrlGuard urlGuard;
    private final HubProperties properties;
    private final OkHttpClient http;
    private final MeterRegistry meters;
    private final PollingLoop loop;

    HubRelay(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            OutboundUrlGuard urlGuard,
            GuardedHttpClients clients,
            HubProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.urlGuard = urlGuard;
        this.properties = properties;
        this.meters = meters;
        // checked, pinned addresses and no redirects: a callback URL is user input like any other
        this.http = clients.plainClient(properties.connectTimeout(), properties.readTimeout());
        this.loop = new PollingLoop("hub-relay", properties.pollInterval(), this::drain);
    }

    private record Pending(long seq, String callback, String body, int attempts, boolean expired) {}

    /** Sends batches until nothing is due; returns how many notifications were attempted. */
    int drain() {
        int attempted = 0;
        List<Pending> batch;
        while (attempted < 10_000 && !(batch = claim()).isEmpty()) {
            CompletableFuture.allOf(batch.stream().map(this::send).toArray(CompletableFuture[]::new))
                    .join();
            attempted += batch.size();
        }
        return attempted;
    }

    private List<Pending> claim() {
        Duration lease =
                properties.leaseTime().plus(properties.connectTimeout()).plus(properties.readTimeout());
        List<Pending> claimed = tx.execute(status -> {
            List<Pending> rows = jdbc.query(
                    "select d.seq, s.callback, d.body::text as body, d.attempts,"
                            + " d.created_at < now() - ? * interval '1 millisecond' as expired"
                            + " from hub_delivery d join hub_subscription s on s.id = d.subscription_id"
                            + " where d.next_attempt_at <= now()"
                            + " and not exists (select 1 from hub_delivery e where e.subscription_id = d.subscription_id"
                            + " and e.intent_id = d.intent_id and e.seq < d.seq)"
                            + " order by d.seq limit ? for update of d skip locked",
                    (rs, i) -> new Pending(
                            rs.getLong("seq"),
                            rs.getString("callback"),
                            rs.getString("body"),
                            rs.getInt("attempts"),
                            rs.getBoolean("expired")),
                    properties.giveUpAfter().toMillis(),
                    properties.batchSize());
            if (!rows.isEmpty()) {
                jdbc.update(
                        "update hub_delivery set next_attempt_at = now() + ? * interval '1 millisecond'"
                                + " where seq = any(?)",
                        lease.toMillis(),
                        (Object) rows.stream().map(Pending::seq).toArray(Long[]::new));
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
                    .post(RequestBody.create(pending.body(), JSON))
                    .build());
        } catch (IllegalArgumentException e) {
            failed(pending, "callback is not a valid URL");
            return CompletableFuture.completedFuture(null);
        }
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
        long limit = properties.connectTimeout().plus(properties.readTimeout()).toMillis() + 500;
        return status.orTimeout(limit, TimeUnit.MILLISECONDS).handle((code, error) -> {
            if (error == null && code >= 200 && code < 300) {
                jdbc.update("delete from hub_delivery where seq = ?", pending.seq());
                meters.counter("intent.hub.deliveries", "outcome", "delivered").increment();
            } else {
                if (error != null) {
                    call.cancel();
                }
                failed(
                        pending,
                        error != null
                                ? "listener unreachable ("
                                        + rootCause(error).getClass().getSimpleName() + ")"
                                : "listener answered HTTP " + code);
            }
            return null;
        });
    }

    private void failed(Pending pending, String error) {
        if (pending.expired()) {
            log.warn(
                    "Giving up hub notification {} after {} attempts over {}: {}",
                    pending.seq(),
                    pending.attempts() + 1,
                    properties.giveUpAfter(),
                    error);
            jdbc.update("delete from hub_delivery where seq = ?", pending.seq());
            meters.counter("intent.hub.deliveries", "outcome", "given_up").increment();
            return;
        }
        int attempts = pending.attempts() + 1;
        jdbc.update(
                "update hub_delivery set attempts = ?, last_error = ?,"
                        + " next_attempt_at = now() + ? * interval '1 millisecond' where seq = ?",
                attempts,
                error.length() > 500 ? error.substring(0, 500) : error,
                properties.backoff(attempts).toMillis(),
                pending.seq());
        meters.counter("intent.hub.deliveries", "outcome", "retried").increment();
    }

    private static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
