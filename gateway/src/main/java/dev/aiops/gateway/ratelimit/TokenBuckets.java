package dev.aiops.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/** Runs {@code token-buckets.lua} against the rate-limit database. */
class TokenBuckets {

    /** One bucket to take a token from. */
    record Bucket(String key, RateLimitProperties.Limit limit) {}

    /**
     * The outcome, described by the one bucket that matters: the bucket that refused, or else the one
     * closest to running out.
     */
    record Decision(boolean allowed, long limit, long remaining, long millisUntilToken, long millisUntilFull) {}

    /**
     * Read once, as text. A script built from the classpath resource itself would ask the resource for
     * its last-modified time on every call to decide whether to rehash it: inside the boot jar that is a
     * file stat and a thrown-and-caught FileNotFoundException per request, under a lock all requests share.
     */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> SCRIPT = RedisScript.of(read("ratelimit/token-buckets.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;

    TokenBuckets(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    Mono<Decision> take(List<Bucket> buckets) {
        List<String> keys = buckets.stream().map(Bucket::key).toList();
        List<String> args = new ArrayList<>();
        for (Bucket bucket : buckets) {
            args.add(Long.toString(bucket.limit().capacity()));
            args.add(Double.toString(bucket.limit().tokensPerMilli()));
        }
        return redis.execute(SCRIPT, keys, args)
                // depending on the driver a multi-bulk reply arrives as one list or element by element
                .flatMapIterable(reply -> reply instanceof List<?> list ? list : List.of(reply))
                .map(value -> ((Number) value).longValue())
                .collectList()
                .map(reply -> decide(buckets, reply));
    }

    private static String read(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    static Decision decide(List<Bucket> buckets, List<Long> reply) {
        if (reply.size() != 1 + 3 * buckets.size()) {
            throw new IllegalStateException("unexpected rate-limit script reply of " + reply.size() + " values");
        }
        boolean allowed = reply.get(0) == 1L;
        Decision chosen = null;
        for (int i = 0; i < buckets.size(); i++) {
            long remaining = reply.get(1 + 3 * i);
            Decision candidate = new Decision(
                    allowed, buckets.get(i).limit().capacity(), remaining, reply.get(2 + 3 * i), reply.get(3 + 3 * i));
            if (chosen == null || moreBinding(candidate, chosen)) {
                chosen = candidate;
            }
        }
        return chosen;
    }

    private static boolean moreBinding(Decision candidate, Decision current) {
        if (!candidate.allowed()) {
            // of the empty buckets, the one that stays empty longest is the reason to wait
            return candidate.remaining() == 0
                    && (current.remaining() > 0 || candidate.millisUntilToken() > current.millisUntilToken());
        }
        return candidate.remaining() < current.remaining();
    }
}
