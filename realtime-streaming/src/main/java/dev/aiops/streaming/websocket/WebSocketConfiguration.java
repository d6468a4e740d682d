package dev.aiops.streaming.websocket;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.events.Notifications;
import java.time.Clock;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
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

    /**
     * Notifications are dispatched on one thread of their own, in the order Redis delivered them. The
     * listener container's default executor starts a new thread for every message: at 2,000 events/s
     * that was 2,000 thread starts a second, racing each other to append to the history.
     */
    @Bean
    static NotificationDispatch notificationDispatch() {
        return new NotificationDispatch();
    }

    static final class NotificationDispatch implements BeanPostProcessor, DisposableBean {

        // bounded: past this, the container logs the rejection and the domain stream recorder still has it
        private static final int QUEUE = 100_000;

        private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

        NotificationDispatch() {
            executor.setCorePoolSize(1);
            executor.setMaxPoolSize(1);
            executor.setQueueCapacity(QUEUE);
            executor.setThreadNamePrefix("streaming-notifications-");
            executor.setDaemon(true);
            executor.initialize();
        }

        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) {
            if (bean instanceof RedisMessageListenerContainer container) {
                container.setTaskExecutor(executor);
            }
            return bean;
        }

        @Override
        public void destroy() {
            executor.shutdown();
        }
    }

    @Bean
    DomainStreamRecorder domainStreamRecorder(EventStreams streams, Clients clients) {
        return new DomainStreamRecorder(streams, clients, properties.history(), Clock.systemUTC());
    }
}
