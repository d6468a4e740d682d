package dev.aiops.intent.closedloop;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.events.StreamSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClosedLoopConfiguration {

    static final String CONSUMER_GROUP = "intent-service";

    @Bean
    RuleConditions ruleConditions() {
        return new RuleConditions();
    }

    @Bean
    StreamSubscription fcapsEvents(EventStreams streams, FcapsTriggers triggers) {
        return streams.subscribe(EventDomain.FCAPS, CONSUMER_GROUP, triggers);
    }

    @Bean
    StreamSubscription kpmReports(EventStreams streams, KpmTriggers triggers) {
        return streams.subscribe(EventDomain.KPM, CONSUMER_GROUP, triggers);
    }
}
