package dev.aiops.intent.planning;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param siteLabel the cluster label naming its site; the registry's O2 IMS view pools clusters by the same
 *     label, so one label places a cluster for both
 */
@ConfigurationProperties(prefix = "aiops.intent.planning")
record PlanningProperties(@DefaultValue("aiops.dev/site") String siteLabel) {}
