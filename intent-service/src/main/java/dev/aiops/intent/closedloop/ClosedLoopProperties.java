package dev.aiops.intent.closedloop;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The closed loop's timings.
 *
 * @param ruleRefreshInterval how often a replica checks whether any rule changed (one {@code max(revision)});
 *     a rule edit takes effect on every replica within this interval
 * @param dedupWindow FCAPS: one action per (event source, rule) within this window
 * @param burstThreshold FCAPS: more events than this from one source within {@code burstWindow} are a burst,
 *     correlated into the intent the burst already raised
 * @param maxWindowGap KPM: windows further apart than this are not consecutive, so the hysteresis count
 *     restarts (KPM windows are 30 s)
 */
@Validated
@ConfigurationProperties(prefix = "aiops.intent.closed-loop")
record ClosedLoopProperties(
        @DefaultValue("2s") Duration ruleRefreshInterval,
        @DefaultValue("5m") Duration dedupWindow,
        @DefaultValue("5") @Min(1) int burstThreshold,
        @DefaultValue("1m") Duration burstWindow,
        @DefaultValue("65s") Duration maxWindowGap) {}
