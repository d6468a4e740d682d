package dev.aiops.intent.support;

import dev.aiops.intent.IntentServiceApplication;
import java.util.LinkedHashMap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Another replica of the intent service (or the same one after a restart): a second application context on
 * the same PostgreSQL database and Redis as the test context, consuming the same stream group.
 */
public final class SecondReplica {

    private static final String[] SHARED = {
        "spring.datasource.url",
        "spring.datasource.username",
        "spring.datasource.password",
        "spring.data.redis.host",
        "spring.data.redis.port",
        "aiops.services.cluster-registry.url",
        "aiops.services.porch-adapter.url"
    };

    private SecondReplica() {}

    public static ConfigurableApplicationContext start(Environment first) {
        return start(first, new String[0]);
    }

    /** As {@link #start(Environment)}, with more {@code name=value} properties of this replica's own. */
    public static ConfigurableApplicationContext start(Environment first, String... ownProperties) {
        var properties = new LinkedHashMap<String, Object>();
        for (String key : SHARED) {
            properties.put(key, first.getProperty(key));
        }
        properties.put("server.port", "0");
        properties.put("aiops.events.instance-id", "intent-service-replica-2");
        for (String property : ownProperties) {
            int eq = property.indexOf('=');
            properties.put(property.substring(0, eq), property.substring(eq + 1));
        }
        // command-line arguments: default properties would lose to the platform's own defaults (a local
        // launcher's database), and this replica must share the test database, never touch another one
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IntentServiceApplication.class)
                .profiles("test")
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        for (String key : SHARED) {
            if (!String.valueOf(first.getProperty(key))
                    .equals(context.getEnvironment().getProperty(key))) {
                context.close();
                throw new IllegalStateException("second replica did not take " + key + " of the test context");
            }
        }
        return context;
    }
}
