package dev.aiops.registry.config;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executors for blocking work: virtual threads when the JDK has them (21+; the bytecode targets 17, so
 * they are looked up reflectively), otherwise a fixed pool of daemon platform threads. Callers bound
 * their own concurrency (semaphores), so the virtual-thread variant needs no size.
 */
public final class Threads {

    private Threads() {}

    public static ExecutorService boundedBlocking(String name, int platformThreads) {
        ExecutorService virtual = virtualPerTask(name);
        if (virtual != null) {
            return virtual;
        }
        return Executors.newFixedThreadPool(platformThreads, daemon(name));
    }

    public static boolean virtualThreadsAvailable() {
        return virtualPerTask("probe") != null;
    }

    private static ExecutorService virtualPerTask(String name) {
        try {
            // resolve through the public interface Thread.Builder: the implementation class is internal
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Object named =
                    builderType.getMethod("name", String.class, long.class).invoke(builder, name + "-", 0L);
            ThreadFactory threads =
                    (ThreadFactory) builderType.getMethod("factory").invoke(named);
            Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
            return (ExecutorService) perTask.invoke(null, threads);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    public static ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
