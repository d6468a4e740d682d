package dev.aiops.intent.intent;

import dev.aiops.intent.support.PollingLoop;
import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the hub's pending notifications, at least once each. Per (listener, intent) only the oldest pending
 * one is eligible, so a later event of an intent never overtakes an earlier one; across intents and listeners
 * they go out in parallel. A claimed row is leased (its next attempt pushed past the call's timeouts) in a
 * short transaction with {@code SKIP LOCKED}, so several replicas never send the same notification at once.
 * Only a 2xx answer removes the row; anything else (an error status, a timeout, a refused connection, a
 * callback the URL guard now refuses) schedules the next attempt with exponential backoff, for as long as the
 * subscription exists: nothing is dropped, a listener that never comes back is ended by deleting its
 * subscription ({@code intent_hub_pending} shows what is owed).
 *
 * <p>A stopping relay (a restart, a scale-down) cancels its calls in flight and hands their rows back at
 * once, so the next relay resends them without waiting for the lease; a relay that dies without stopping
 * delays them by the lease. Either way the listener may get a notification twice (it may have processed the
 * cancelled call): at least once, with the same {@code eventId}, never lost.
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
    /** Calls in flight, by delivery row: what {@link #stop()} cancels and hands back. */
    private final Map<Long, Call> inFlight = new ConcurrentHashMap<>();
    /** Calls in flight at most: {@code batch-size}. */
    private final java.util.concurrent.Semaphore slots;

    private volatile boolean stopping;

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
        this.slots = new java.util.concurrent.Semaphore(Math.max(1, properties.batchSize()));
        this.loop = new PollingLoop("hub-relay", properties.pollInterval(), this::drain);
        Gauge.builder("intent.hub.pending", this::pending)
                .description("TMF921 hub notifications written and not yet accepted by their listener")
                .register(meters);
    }

    private record Pending(long seq, String callback, String eventType, String body, int attempts) {}

    /**
     * Claims what is due, as far as free call slots allow, and starts the calls without waiting for them;
     * returns how many were started. A finished call frees its slot and wakes the loop, so the next
     * notification of its intent goes out at once. Waiting for a whole batch before claiming the next (as
     * this relay first did) let one slow listener hold every other listener's and intent's notifications
     * for up to its timeouts.
     */
    int drain() {
        int attempted = 0;
        List<Pending> batch;
        while (!stopping
                && attempted < 10_000
                && slots.availablePermits() > 0
                && !(batch = claim(slots.availablePermits())).isEmpty()) {
            for (Pending pending : batch) {
                slots.acquireUninterruptibly(); // never blocks: only this loop's thread takes slots
                send(pending).whenComplete((done, error) -> {
                    slots.release();
                    loop.wake();
                });
            }
            attempted += batch.size();
        }
        return attempted;
    }

    private List<Pending> claim(int limit) {
        Duration lease =
                properties.leaseTime().plus(properties.connectTimeout()).plus(properties.readTimeout());
        List<Pending> claimed = tx.execute(status -> {
            List<Pending> rows = jdbc.query(
                    "select d.seq, s.callback, d.event_type, d.body::text as body, d.attempts"
                            + " from hub_delivery d join hub_subscription s on s.id = d.subscription_id"
                            + " where d.next_attempt_at <= now()"
                            + " and not exists (select 1 from hub_delivery e where e.subscription_id = d.subscription_id"
                            + " and e.intent_id = d.intent_id and e.seq < d.seq)"
                            + " order by d.seq limit ? for update of d skip locked",
                    (rs, i) -> new Pending(
                            rs.getLong("seq"),
                            rs.getString("callback"),
                            rs.getString("event_type"),
                            rs.getString("body"),
                            rs.getInt("attempts")),
                    Math.min(limit, properties.batchSize()));
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

    /** {@code {callback}/listener/<event>}, the TMF listener path, below whatever path the callback has. */
    static HttpUrl listenerUrl(String callback, String eventType) {
        HttpUrl base = HttpUrl.parse(callback);
        if (base == null) {
            throw new IllegalArgumentException("callback is not an http(s) URL");
        }
        return base.newBuilder()
                .addPathSegments(HubEvent.listenerPath(eventType))
                .build();
    }

    private CompletableFuture<Void> send(Pending pending) {
        HttpUrl url;
        try {
            url = listenerUrl(pending.callback(), pending.eventType());
            urlGuard.checkBeforeCall(url.toString());
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            failed(pending, e.getMessage());
            return CompletableFuture.completedFuture(null);
        } catch (IllegalArgumentException e) {
            failed(pending, "callback is not a valid URL");
            return CompletableFuture.completedFuture(null);
        }
        Call call = http.newCall(new Request.Builder()
                .url(url)
                .post(RequestBody.create(pending.body(), JSON))
                .build());
        inFlight.put(pending.seq(), call);
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
            inFlight.remove(pending.seq());
            if (error == null && code >= 200 && code < 300) {
                jdbc.update("delete from hub_delivery where seq = ?", pending.seq());
                meters.counter("intent.hub.deliveries", "outcome", "delivered").increment();
            } else if (stopping) {
                // cancelled by stop(): due again at once for the next relay, no backoff for a restart
                handBack(new Long[] {pending.seq()});
            } else {
                call.cancel();
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

    private double pending() {
        try {
            Long count = jdbc.queryForObject("select count(*) from hub_delivery", Long.class);
            return count == null ? 0 : count;
        } catch (DataAccessException e) {
            return Double.NaN; // the database is away: unknown, not zero
        }
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
        stopping = false;
        loop.start();
    }

    /**
     * Stops claiming, cancels the calls in flight and makes their rows due again, while the database is still
     * there (lifecycle beans stop before the data source closes).
     */
    @Override
    public void stop() {
        stopping = true;
        loop.stop();
        Long[] inFlightRows = inFlight.keySet().toArray(Long[]::new);
        inFlight.values().forEach(Call::cancel);
        handBack(inFlightRows);
    }

    private void handBack(Long[] rows) {
        if (rows.length == 0) {
            return;
        }
        try {
            jdbc.update("update hub_delivery set next_attempt_at = now() where seq = any(?)", (Object) rows);
        } catch (DataAccessException e) {
            log.warn(
                    "Could not hand back {} hub notifications at stop; they are resent after their lease",
                    rows.length,
                    e);
        }
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
