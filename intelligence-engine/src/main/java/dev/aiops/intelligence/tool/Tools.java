package dev.aiops.intelligence.tool;

import dev.aiops.model.intelligence.ToolCall;
import dev.aiops.model.intelligence.ToolResult;
import dev.aiops.model.intelligence.ToolResultStatus;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools the assistant and MCP clients may call. Every call runs as the caller (their token, their
 * role), within a time limit, and never throws: failures become ERROR or TIMEOUT results whose message the
 * model and the user both see.
 */
@Service
@EnableConfigurationProperties(ToolProperties.class)
public class Tools {

    private static final Logger log = LoggerFactory.getLogger(Tools.class);

    private final ToolDefinitions definitions;
    private final ToolProperties properties;
    private final ResultBudget budget;
    private final JsonMapper json;
    private final ExecutorService executor;

    Tools(ToolDefinitions definitions, ToolProperties properties, JsonMapper json) {
        this.definitions = definitions;
        this.properties = properties;
        this.json = json;
        this.budget = new ResultBudget(json, properties.resultMaxChars());
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "aiops-tool-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Every tool, whatever the role. */
    public List<ToolSpec> all() {
        return definitions.all().values().stream()
                .map(ToolDefinitions.Definition::spec)
                .toList();
    }

    public Set<String> names() {
        return definitions.all().keySet();
    }

    /** The tools among {@code names} (a persona's capabilities) this caller's role may call, in catalog order. */
    public List<ToolSpec> offered(Caller caller, Collection<String> names) {
        return all().stream()
                .filter(spec -> names.contains(spec.name()))
                .filter(spec -> caller.hasRole(spec.requiredRole()))
                .toList();
    }

    /** Runs the calls of one model answer side by side, results in the order of the calls. */
    public List<ToolOutcome> execute(Caller caller, List<ToolCall> calls, Collection<String> offered) {
        List<Future<ToolOutcome>> futures = new ArrayList<>();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(properties.parallelism());
        for (ToolCall call : calls) {
            futures.add(executor.submit(() -> {
                slots.acquire();
                try {
                    return run(caller, call, offered);
                } finally {
                    slots.release();
                }
            }));
        }
        List<ToolOutcome> outcomes = new ArrayList<>();
        long deadline = System.nanoTime()
                + properties.timeout().toNanos()
                        * ((calls.size() + properties.parallelism() - 1) / properties.parallelism());
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            Future<ToolOutcome> future = futures.get(i);
            try {
                long wait = Math.max(0, deadline - System.nanoTime());
                outcomes.add(future.get(wait, TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                future.cancel(true);
                outcomes.add(failure(
                        call,
                        ToolResultStatus.TIMEOUT,
                        "the tool did not finish within " + properties.timeout().toSeconds() + " s"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                outcomes.add(failure(call, ToolResultStatus.ERROR, "the turn was cancelled"));
            } catch (ExecutionException e) {
                log.warn("Tool {} failed unexpectedly", call.name(), e.getCause());
                outcomes.add(failure(call, ToolResultStatus.ERROR, "the tool failed unexpectedly"));
            }
        }
        return outcomes;
    }

    /** One call, for MCP. */
    public ToolOutcome execute(Caller caller, ToolCall call) {
        return execute(caller, List.of(call), names()).get(0);
    }

    private ToolOutcome run(Caller caller, ToolCall call, Collection<String> offered) {
        ToolDefinitions.Definition definition = definitions.all().get(call.name());
        if (definition == null || !offered.contains(call.name())) {
            return failure(call, ToolResultStatus.ERROR, "no tool named '" + call.name() + "' is available here");
        }
        if (!caller.hasRole(definition.spec().requiredRole())) {
            return failure(
                    call,
                    ToolResultStatus.ERROR,
                    "'" + call.name() + "' needs the " + definition.spec().requiredRole()
                            + " role, which this user does not have");
        }
        try {
            JsonNode result =
                    definition.handler().run(caller, new ToolArguments(call.arguments(), definition.arguments()));
            Object value = json.treeToValue(result, Object.class);
            return new ToolOutcome(
                    call.name(), new ToolResult(call.id(), ToolResultStatus.SUCCESS, value, null), budget.fit(result));
        } catch (ToolArgumentException | ToolFailedException e) {
            return failure(call, ToolResultStatus.ERROR, e.getMessage());
        } catch (ToolTimeoutException e) {
            return failure(call, ToolResultStatus.TIMEOUT, e.getMessage());
        }
    }

    private ToolOutcome failure(ToolCall call, ToolResultStatus status, String message) {
        String forModel = json.writeValueAsString(java.util.Map.of("status", status.name(), "error", message));
        return new ToolOutcome(call.name(), new ToolResult(call.id(), status, null, message), forModel);
    }
}
