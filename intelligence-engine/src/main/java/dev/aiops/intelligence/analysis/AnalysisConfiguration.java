package dev.aiops.intelligence.analysis;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.events.StreamSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AnalysisConfiguration {

    static final String CONSUMER_GROUP = "intelligence-engine";

    @Bean
    StreamSubscription alertEvents(EventStreams streams, AlertTriggers triggers) {
        return streams.subscribe(EventDomain.ALERT, CONSUMER_GROUP, triggers);
    }
}
