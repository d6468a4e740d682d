package dev.aiops.streaming.websocket;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The bounded event history in a Redis Stream ({@code aiops.streaming.history.*}) that gives every event
 * its {@code offset} and {@code epoch} and lets a reconnecting client get what it missed.
 *
 * <p>Why a history of our own rather than the domain streams {@code aiops:stream:*}: those are per
 * domain (a client's subscription spans domains, its position must be one number), carry only what went
 * through the outbox (not notifications), and are trimmed by their publishers' settings. Why every
 * replica appends, deduplicated by event id in one script (see {@code history-append.lua}), rather than
 * one elected appender: no election to get wrong, and no event lost while the appender restarts.
 *
 * <p>Lettuce is used directly: the tail's {@code XREAD BLOCK} needs a connection of its own, and
 * Spring's template would open a new one per blocking call.
 */
@Component
class EventHistory implements DisposableBean {

    /** One stored event. */
    record Entry(long offset, String envelopeJson) {}

    /** Where the history stands: its epoch (null before the first event ever) and last offset. */
    record Position(String epoch, long offset) {}

    private static final String OFFSET_SUFFIX = ":offset";
    private static final String EPOCH_SUFFIX = ":epoch";
    private static final String SEEN_SUFFIX = ":seen:";

    private final RedisClient client;
    private final StreamingProperties.History settings;
    private final String script;
    private volatile String scriptSha;
    private StatefulRedisConnection<String, String> commands;
    private StatefulRedisConnection<String, String> blocking;

    EventHistory(DataRedisConnectionDetails connection, DataRedisProperties redis, StreamingProperties properties) {
        DataRedisConnectionDetails.Standalone standalone = connection.getStandalone();
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(standalone != null ? standalone.getHost() : redis.getHost())
                .withPort(standalone != null ? standalone.getPort() : redis.getPort())
                .withDatabase(standalone != null ? standalone.getDatabase() : redis.getDatabase())
                .withSsl(redis.getSsl().isEnabled());
        if (connection.getPassword() != null) {
            uri.withAuthentication(
                    connection.getUsername() != null ? connection.getUsername() : "default",
                    connection.getPassword().toCharArray());
        }
        this.client = RedisClient.create(uri.build());
        this.settings = properties.history();
        try {
            this.script =
                    new ClassPathResource("streaming/history-append.lua").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends the event unless another replica already did; either way returns its offset and epoch. */
    Position append(String eventId, String envelopeJson) {
        String[] keys = keys(eventId);
        String[] args = args(envelopeJson);
        RedisCommands<String, String> redis = commands().sync();
        List<Object> reply;
        try {
            reply = redis.evalsha(scriptSha(), ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException e) {
            // Redis restarted and forgot the script
            scriptSha = redis.scriptLoad(script);
            reply = redis.evalsha(scriptSha, ScriptOutputType.MULTI, keys, args);
        }
        return position(reply);
    }

    /**
     * {@link #append} without waiting for the answer: appends from one thread are pipelined on the one
     * connection and applied by Redis in the order they were issued, so offsets follow that order.
     */
    CompletionStage<Position> appendAsync(String eventId, String envelopeJson) {
        String[] keys = keys(eventId);
        String[] args = args(envelopeJson);
        RedisAsyncCommands<String, String> redis = commands().async();
        CompletionStage<List<Object>> reply = redis.<List<Object>>evalsha(
                        scriptSha(), ScriptOutputType.MULTI, keys, args)
                .exceptionallyCompose(e -> {
                    if (e instanceof RedisNoScriptException || e.getCause() instanceof RedisNoScriptException) {
                        // Redis restarted and forgot the script: EVAL sends it again (and caches it)
                        return redis.<List<Object>>eval(script, ScriptOutputType.MULTI, keys, args);
                    }
                    return CompletableFuture.failedFuture(e);
                });
        return reply.thenApply(EventHistory::position);
    }

    private String scriptSha() {
        String sha = scriptSha;
        if (sha == null) {
            sha = commands().sync().scriptLoad(script);
            scriptSha = sha;
        }
        return sha;
    }

    private String[] keys(String eventId) {
        return new String[] {
            settings.key(),
            settings.key() + OFFSET_SUFFIX,
            settings.key() + EPOCH_SUFFIX,
            settings.key() + SEEN_SUFFIX + eventId
        };
    }

    private String[] args(String envelopeJson) {
        return new String[] {
            envelopeJson,
            Long.toString(settings.maxLength()),
            Long.toString(settings.maxAge().toMillis()),
            UUID.randomUUID().toString().substring(0, 8),
            Long.toString(Math.max(60, settings.maxAge().toSeconds()))
        };
    }

    private static Position position(List<Object> reply) {
        return new Position((String) reply.get(2), (Long) reply.get(1));
    }

    Position position() {
        RedisCommands<String, String> redis = commands().sync();
        String epoch = redis.get(settings.key() + EPOCH_SUFFIX);
        String offset = redis.get(settings.key() + OFFSET_SUFFIX);
        return new Position(epoch, offset == null ? 0 : Long.parseLong(offset));
    }

    String epoch() {
        return commands().sync().get(settings.key() + EPOCH_SUFFIX);
    }

    /** The oldest offset still kept, or empty history: -1. */
    long oldestOffset() {
        List<StreamMessage<String, String>> head =
                commands().sync().xrange(settings.key(), Range.create("-", "+"), io.lettuce.core.Limit.from(1));
        return head.isEmpty() ? -1 : offsetOf(head.get(0).getId());
    }

    /** Entries after {@code offset} (exclusive), up to {@code max}. */
    List<Entry> after(long offset, int max) {
        return commands()
                .sync()
                .xrange(settings.key(), Range.create((offset + 1) + "-0", "+"), io.lettuce.core.Limit.from(max))
                .stream()
                .map(EventHistory::entry)
                .toList();
    }

    /** Like {@link #after} but waits up to {@code block} for something to arrive; for the tail only. */
    List<Entry> await(long offset, Duration block, int max) {
        List<StreamMessage<String, String>> read = blocking()
                .sync()
                .xread(
                        XReadArgs.Builder.block(block).count(max),
                        XReadArgs.StreamOffset.from(settings.key(), offset + "-0"));
        return read == null ? List.of() : read.stream().map(EventHistory::entry).toList();
    }

    private static Entry entry(StreamMessage<String, String> message) {
        return new Entry(offsetOf(message.getId()), message.getBody().get("e"));
    }

    private static long offsetOf(String streamId) {
        int dash = streamId.indexOf('-');
        return Long.parseLong(dash < 0 ? streamId : streamId.substring(0, dash));
    }

    // connected on first use and then kept: Lettuce reconnects a connection it once had by itself
    private synchronized StatefulRedisConnection<String, String> commands() {
        if (commands == null) {
            commands = client.connect();
        }
        return commands;
    }

    private synchronized StatefulRedisConnection<String, String> blocking() {
        if (blocking == null) {
            blocking = client.connect();
            // the default command timeout (60 s) is longer than any block we ask for
        }
        return blocking;
    }

    @Override
    public void destroy() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
