package dev.aiops.rca;

import java.util.List;

/**
 * A ranked candidate root cause.
 *
 * @param object where the cause sits
 * @param confidence share of the total evidence score, in [0, 1]; the confidences of one ranking sum to 1
 * @param evidence the candidate's own signals, earliest first
 * @param explained how many of the incident's symptomatic objects lie downstream of it
 * @param explanation one sentence built from a template and the evidence
 */
public record Cause(FleetObject object, double confidence, List<Signal> evidence, int explained, String explanation) {}
