package dev.aiops.porch.generation;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.events.StreamSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GenerationConfiguration {

    static final String CONSUMER_GROUP = "porch-adapter";

    @Bean
    StreamSubscription intentEvents(EventStreams streams, IntentTriggers triggers) {
        return streams.subscribe(EventDomain.INTENT, CONSUMER_GROUP, triggers);
    }
}
