package dev.aiops.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.aiops.gateway.ratelimit.RateLimitProperties.Limit;
import dev.aiops.gateway.ratelimit.TokenBuckets.Bucket;
import dev.aiops.gateway.ratelimit.TokenBuckets.Decision;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketsTests {

    private static final Bucket GLOBAL = new Bucket("g", new Limit(1000, Duration.ofSeconds(1), null));
    private static final Bucket USER = new Bucket("u", new Limit(300, Duration.ofMinutes(1), 50L));
    private static final Bucket RULE = new Bucket("r", new Limit(10, Duration.ofMinutes(1), null));

    @Test
    void shouldDescribeBucketClosestToEmptyWhenAllowed() {
        // reply: allowed, then remaining / ms to a token / ms to full per bucket
        Decision decision = TokenBuckets.decide(
                List.of(GLOBAL, USER, RULE), List.of(1L, 999L, 0L, 1L, 40L, 0L, 2000L, 7L, 0L, 18000L));

        assertThat(decision).isEqualTo(new Decision(true, 10, 7, 0, 18000));
    }

    @Test
    void shouldDescribeEmptyBucketThatRefillsLastWhenRefused() {
        Decision decision = TokenBuckets.decide(
                List.of(GLOBAL, USER, RULE), List.of(0L, 999L, 0L, 1L, 0L, 200L, 10000L, 0L, 6000L, 60000L));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.limit()).isEqualTo(10);
        assertThat(decision.remaining()).isZero();
        assertThat(decision.millisUntilToken()).isEqualTo(6000);
    }

    @Test
    void shouldFailWhenScriptReplyHasWrongShape() {
        assertThatIllegalStateException().isThrownBy(() -> TokenBuckets.decide(List.of(GLOBAL), List.of(1L)));
    }

    @Test
    void shouldUseLimitAsCapacityWhenNoBurstIsSet() {
        assertThat(RULE.limit().capacity()).isEqualTo(10);
        assertThat(USER.limit().capacity()).isEqualTo(50);
        assertThat(USER.limit().tokensPerMilli()).isEqualTo(300.0 / 60_000);
    }
}
