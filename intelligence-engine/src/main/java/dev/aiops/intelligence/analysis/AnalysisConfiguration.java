package dev.aiops.intelligence.analysis;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.events.StreamSubscription;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnalysisProperties.class)
class AnalysisConfiguration {

    static final String CONSUMER_GROUP = "intelligence-engine";

    @Bean
    StreamSubscription alertEvents(EventStreams streams, AlertTriggers triggers) {
        return streams.subscribe(EventDomain.ALERT, CONSUMER_GROUP, triggers);
    }

    @Bean
    @ConditionalOnProperty(prefix = "aiops.intelligence.analysis.detection", name = "enabled", havingValue = "true")
    ContinuousDetection continuousDetection(
            FleetApis apis, AnomalyStore store, AnalysisProperties properties, Clock clock) {
        return new ContinuousDetection(apis, store, properties, clock);
    }
}
