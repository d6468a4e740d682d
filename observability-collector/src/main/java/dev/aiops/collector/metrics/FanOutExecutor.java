package dev.aiops.collector.metrics;

import dev.aiops.collector.config.CollectorProperties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** The threads that run per-cluster calls, shared by every query, closed with the context. */
@Component
class FanOutExecutor implements DisposableBean {

    private final ThreadPoolExecutor calls;

    FanOutExecutor(CollectorProperties properties) {
        int threads = properties.federation().threads();
        this.calls = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("collector-fanout-"));
        calls.allowCoreThreadTimeOut(true);
    }

    ExecutorService calls() {
        return calls;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }
}
