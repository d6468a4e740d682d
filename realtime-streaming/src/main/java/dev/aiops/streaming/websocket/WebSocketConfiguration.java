package dev.aiops.streaming.websocket;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.events.Notifications;
import java.time.Clock;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(StreamingProperties.class)
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws";

    private final StreamingHandler handler;
    private final StreamingProperties properties;

    WebSocketConfiguration(StreamingHandler handler, StreamingProperties properties) {
        this.handler = handler;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH)
                .setAllowedOriginPatterns(properties.allowedOriginPatterns().toArray(String[]::new));
    }

    /**
     * Every domain's notifications (Redis pub/sub) go into the history, from which clients are served: the
     * fast path. The domain streams are recorded too ({@link DomainStreamRecorder}), so nothing published
     * through them is lost while no replica listens.
     */
    @Bean
    InitializingBean recordNotifications(Notifications notifications, Clients clients) {
        return () -> {
            for (EventDomain domain : EventDomain.values()) {
                notifications.subscribe(domain, clients::received);
            }
        };
    }

    @Bean
    DomainStreamRecorder domainStreamRecorder(EventStreams streams, Clients clients) {
        return new DomainStreamRecorder(streams, clients, properties.history(), Clock.systemUTC());
    }
}
