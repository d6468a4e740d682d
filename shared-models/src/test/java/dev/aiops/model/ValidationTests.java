package dev.aiops.model;

import static dev.aiops.model.ValidationSupport.violatedPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.aiops.model.cluster.AuthType;
import dev.aiops.model.cluster.ClusterCreateRequest;
import dev.aiops.model.cluster.ClusterEndpoints;
import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterStatus;
import dev.aiops.model.cluster.ClusterType;
import dev.aiops.model.cluster.ClusterUpdateRequest;
import dev.aiops.model.cluster.Connectivity;
import dev.aiops.model.cluster.CredentialsRequest;
import dev.aiops.model.cluster.Environment;
import dev.aiops.model.cluster.Platform;
import dev.aiops.model.cnf.Rule;
import dev.aiops.model.cnf.RuleAction;
import dev.aiops.model.cnf.RuleSource;
import dev.aiops.model.cnf.RuleTarget;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.intelligence.AnomalyAnalysisRequest;
import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.model.intelligence.ChatMessageRequest;
import dev.aiops.model.intelligence.ChatSessionRequest;
import dev.aiops.model.intelligence.Persona;
import dev.aiops.model.intelligence.PersonaRequest;
import dev.aiops.model.intent.IntentRequest;
import dev.aiops.model.intent.ParseInfo;
import dev.aiops.model.intent.ParseMethod;
import dev.aiops.model.intent.Sla;
import dev.aiops.model.intent.StructuredIntent;
import dev.aiops.model.intent.tmf.EventSubscription;
import dev.aiops.model.intent.tmf.Intent;
import dev.aiops.model.observability.KpmReport;
import dev.aiops.model.observability.MetricQuery;
import dev.aiops.model.paging.PageQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per constraint: the invalid value is rejected and the violation names exactly the offending
 * property (the Java path; the problem+json handler turns it into the JSON name).
 */
class ValidationTests {

    static Stream<Arguments> validRecords() {
        return Stream.of(
                        Fixtures.clusterCreateRequest(),
                        PageQuery.of(1, 20),
                        new PageQuery(null, null),
                        Fixtures.metricQuery(),
                        MetricQuery.instant("up", List.of()),
                        Fixtures.kpmReport(),
                        Fixtures.persona(),
                        personaRequest("noc-analyst"),
                        new ChatSessionRequest(null, null, null),
                        new ChatMessageRequest("Which GPUs are idle?", null),
                        Fixtures.anomalyDetection(),
                        Fixtures.structuredIntent(),
                        new IntentRequest("Deploy eMBB on edge-paris-01 with 500 Mbps"),
                        Fixtures.tmfIntent(),
                        Fixtures.kpmRule(),
                        Fixtures.clusterStatusChangedEnvelope())
                .map(value -> arguments(named(value.getClass().getSimpleName(), value)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRecords")
    void shouldAcceptFixtureWhenEveryValueIsValid(Object valid) {
        assertThat(violatedPaths(valid)).isEmpty();
    }

    @Nested
    class Cluster {

        static Stream<Arguments> invalid() {
            return Stream.of(
                    invalidCase(
                            "name with upper case and underscore",
                            create("Edge_Paris", "https://api.x:6443", null),
                            "name"),
                    invalidCase("name of two characters", create("ab", "https://api.x:6443", null), "name"),
                    invalidCase("name ending with '-'", create("edge-", "https://api.x:6443", null), "name"),
                    invalidCase("display_name of 129 characters", withDisplayName("x".repeat(129)), "displayName"),
                    invalidCase(
                            "api_server_url with ftp scheme", create("edge-01", "ftp://api.x", null), "apiServerUrl"),
                    invalidCase("api_server_url without scheme", create("edge-01", "api.x:6443", null), "apiServerUrl"),
                    invalidCase(
                            "prometheus_url with file scheme",
                            withEndpoints(new ClusterEndpoints("file:///etc/passwd", null, null, null)),
                            "endpoints.prometheusUrl"),
                    invalidCase(
                            "KUBECONFIG credentials without kubeconfig",
                            create(
                                    "edge-01",
                                    "https://api.x:6443",
                                    new CredentialsRequest(AuthType.KUBECONFIG, null, "t", null, null)),
                            "credentials.secretPresentForAuthType"),
                    invalidCase(
                            "SERVICE_ACCOUNT credentials without token",
                            new CredentialsRequest(AuthType.SERVICE_ACCOUNT, "kubeconfig", " ", null, null),
                            "secretPresentForAuthType"),
                    invalidCase(
                            "credentials without auth_type",
                            new CredentialsRequest(null, "kubeconfig", null, null, null),
                            "authType"),
                    invalidCase(
                            "update without cluster_type",
                            new ClusterUpdateRequest(
                                    null,
                                    "https://api.x:6443",
                                    null,
                                    Platform.KUBERNETES,
                                    null,
                                    null,
                                    Environment.LAB,
                                    null,
                                    null,
                                    null),
                            "clusterType"),
                    invalidCase(
                            "health_score 101",
                            new ClusterStatus(
                                    ClusterState.ONLINE, 101, Connectivity.CONNECTED, null, true, null, null, null),
                            "healthScore"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalid")
        void shouldNameFieldWhenValueIsInvalid(Object invalid, String field) {
            assertThat(violatedPaths(invalid)).containsExactly(field);
        }

        private static ClusterCreateRequest create(String name, String url, CredentialsRequest credentials) {
            return new ClusterCreateRequest(
                    name, null, url, ClusterType.SPOKE, Platform.KUBERNETES, null, null, null, null, null, credentials);
        }

        private static ClusterCreateRequest withDisplayName(String displayName) {
            return new ClusterCreateRequest(
                    "edge-01",
                    displayName,
                    "https://api.x:6443",
                    null,
                    Platform.KUBERNETES,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }

        private static ClusterCreateRequest withEndpoints(ClusterEndpoints endpoints) {
            return new ClusterCreateRequest(
                    "edge-01",
                    null,
                    "https://api.x:6443",
                    null,
                    Platform.KUBERNETES,
                    null,
                    null,
                    null,
                    endpoints,
                    null,
                    null);
        }
    }

    @Nested
    class Paging {

        static Stream<Arguments> invalid() {
            return Stream.of(
                    invalidCase("page_size 0", PageQuery.of(1, 0), "pageSize"),
                    invalidCase("page_size 101", PageQuery.of(1, 101), "pageSize"),
                    invalidCase("page 0", PageQuery.of(0, 20), "page"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalid")
        void shouldNameFieldWhenValueIsInvalid(Object invalid, String field) {
            assertThat(violatedPaths(invalid)).containsExactly(field);
        }
    }

    @Nested
    class Observability {

        static Stream<Arguments> invalid() {
            Instant t = Instant.parse("2026-01-15T10:00:00Z");
            return Stream.of(
                    invalidCase("timeout 301", query("up", null, null, null, 301), "timeout"),
                    invalidCase("timeout 0", query("up", null, null, null, 0), "timeout"),
                    invalidCase("blank query", query(" ", null, null, null, null), "query"),
                    invalidCase("step in words", query("up", t.minusSeconds(60), t, "1 minute", null), "step"),
                    invalidCase("start after end", query("up", t, t.minusSeconds(60), null, null), "timeRangeValid"),
                    invalidCase("start without end", query("up", t, null, null, null), "timeRangeValid"),
                    invalidCase(
                            "prb_utilization 1.2",
                            new KpmReport("du-1", "cell-1", t, 10.0, 1.2, 5, null),
                            "prbUtilization"),
                    invalidCase(
                            "negative ue_count", new KpmReport("du-1", "cell-1", t, 10.0, 0.5, -1, null), "ueCount"),
                    invalidCase(
                            "KPM report without timestamp",
                            new KpmReport("du-1", "cell-1", null, null, null, null, null),
                            "timestamp"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalid")
        void shouldNameFieldWhenValueIsInvalid(Object invalid, String field) {
            assertThat(violatedPaths(invalid)).containsExactly(field);
        }

        private static MetricQuery query(String q, Instant start, Instant end, String step, Integer timeout) {
            return new MetricQuery(q, null, start, end, step, timeout);
        }
    }

    @Nested
    class Intelligence {

        static Stream<Arguments> invalid() {
            Instant t = Instant.parse("2026-01-15T10:00:00Z");
            return Stream.of(
                    invalidCase("persona id with upper case", persona("GPU-expert"), "id"),
                    invalidCase("persona id starting with a digit", persona("5g-core"), "id"),
                    invalidCase("persona id ending with '-'", persona("gpu-"), "id"),
                    invalidCase("persona id of 3 characters", persona("ops"), "id"),
                    invalidCase("persona id of 33 characters", persona("a".repeat(33)), "id"),
                    invalidCase("persona request id with '_'", personaRequest("noc_analyst"), "id"),
                    invalidCase(
                            "persona capability blank",
                            new PersonaRequest("noc-analyst", "NOC", null, "prompt", List.of(" "), null),
                            "capabilities[0].<list element>"),
                    invalidCase("blank chat message", new ChatMessageRequest(" ", null), "content"),
                    invalidCase(
                            "chat message over the limit",
                            new ChatMessageRequest("x".repeat(ChatMessageRequest.MAX_CONTENT_LENGTH + 1), null),
                            "content"),
                    invalidCase("session with bad persona id", new ChatSessionRequest(null, "Bad", null), "personaId"),
                    invalidCase("confidence_score 1.5", anomaly(1.5), "confidenceScore"),
                    invalidCase("confidence_score -0.1", anomaly(-0.1), "confidenceScore"),
                    invalidCase(
                            "anomaly analysis without end_time",
                            new AnomalyAnalysisRequest("up", null, t, null, null, null, null),
                            "timeRangeValid"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalid")
        void shouldNameFieldWhenValueIsInvalid(Object invalid, String field) {
            assertThat(violatedPaths(invalid)).containsExactly(field);
        }

        private static Persona persona(String id) {
            Persona valid = Fixtures.persona();
            return new Persona(
                    id,
                    valid.name(),
                    valid.description(),
                    valid.systemPrompt(),
                    valid.capabilities(),
                    valid.icon(),
                    false,
                    "alice");
        }

        private static AnomalyDetection anomaly(double confidence) {
            AnomalyDetection valid = Fixtures.anomalyDetection();
            return new AnomalyDetection(
                    valid.id(),
                    valid.clusterId(),
                    valid.metricName(),
                    valid.labels(),
                    valid.detectionType(),
                    valid.severity(),
                    valid.anomalyType(),
                    confidence,
                    valid.expectedValue(),
                    valid.actualValue(),
                    valid.deviationPercent(),
                    valid.explanation(),
                    valid.detectedAt(),
                    valid.relatedAlerts());
        }
    }

    @Nested
    class Intents {

        static Stream<Arguments> invalid() {
            return Stream.of(
                    invalidCase("blank text", new IntentRequest(" "), "text"),
                    invalidCase("text of 2001 characters", new IntentRequest("x".repeat(2001)), "text"),
                    invalidCase("priority 11", intent(11, null, null, List.of("edge-01")), "priority"),
                    invalidCase("priority -1", intent(-1, null, null, List.of("edge-01")), "priority"),
                    invalidCase(
                            "availability 100.5",
                            intent(5, new Sla(null, null, null, 100.5), null, List.of("edge-01")),
                            "sla.availability"),
                    invalidCase(
                            "negative bandwidth",
                            intent(5, new Sla(-1.0, null, null, null), null, List.of("edge-01")),
                            "sla.bandwidthMbps"),
                    invalidCase(
                            "parse confidence 1.2",
                            intent(5, null, new ParseInfo(ParseMethod.LLM, 1.2), List.of("edge-01")),
                            "parse.confidence"),
                    invalidCase(
                            "blank target site", intent(5, null, null, List.of("")), "targetSites[0].<list element>"),
                    invalidCase("TMF intent without @type", tmfIntentWithoutType(), "type"),
                    invalidCase("TMF hub without callback", new EventSubscription(null, null, null), "callback"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalid")
        void shouldNameFieldWhenValueIsInvalid(Object invalid, String field) {
            assertThat(violatedPaths(invalid)).containsExactly(field);
        }

        private static StructuredIntent intent(int priority, Sla sla, ParseInfo parse, List<String> sites) {
            StructuredIntent valid = Fixtures.structuredIntent();
            return new StructuredIntent(
                    valid.intentType(),
                    valid.serviceType(),
                    sites,
                    valid.cnfFunctions(),
                    valid.replicas(),
                    sla,
                    valid.source(),
                    valid.correlationId(),
                    priority,
                    parse);
        }

        private static Intent tmfIntentWithoutType() {
            Intent valid = Fixtures.tmfIntent();
            return new Intent(
                    valid.id(),
                    valid.href(),
                    valid.name(),
                    valid.description(),
                    valid.version(),
                    valid.creationDate(),
                    valid.lastUpdate(),
                    valid.statusChangeDate(),
                    valid.lifecycleStatus(),
                    valid.validFor(),
                    valid.isBundle(),
                    valid.priority(),
                    valid.context(),
                    valid.expression(),
                    valid.intentSpecification(),
                    valid.characteristic(),
                    valid.relatedParty(),
                    null,
                    null,
                    null);
        }
    }

    @Nested
    class Rules {

        static Stream<Arguments> invalid() {
            return Stream.of(
                    invalidCase("min_replicas 5 > max_replicas 3", rule(RuleSource.FCAPS, null, 5, 3), "maxReplicas"),
                    invalidCase("min_replicas 3 = max_replicas 3", rule(RuleSource.FCAPS, null, 3, 3), "maxReplicas"),
                    invalidCase(
                            "scale_out without a target function",
                            new Rule("r", RuleSource.FCAPS, "true", RuleAction.SCALE_OUT, null, null, 1, 3, null),
                            "target"),
                    invalidCase("max_replicas 0", rule(RuleSource.FCAPS, null, null, 0), "maxReplicas"),
                    invalidCase(
                            "kpm cooldown of 1 minute", rule(RuleSource.KPM, Duration.ofMinutes(1), 1, 3), "cooldown"),
                    invalidCase("negative cooldown", rule(RuleSource.FCAPS, Duration.ofMinutes(-1), 1, 3), "cooldown"),
                    invalidCase(
                            "priority 11",
                            new Rule("r", RuleSource.FCAPS, "true", RuleAction.HEAL, 11, null, null, null, null),
                            "priority"),
                    invalidCase(
                            "blank condition",
                            new Rule("r", RuleSource.FCAPS, " ", RuleAction.HEAL, null, null, null, null, null),
                            "condition"),
                    invalidCase(
                            "missing action",
                            new Rule("r", RuleSource.FCAPS, "true", null, null, null, null, null, null),
                            "action"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalid")
        void shouldNameFieldWhenValueIsInvalid(Object invalid, String field) {
            assertThat(violatedPaths(invalid)).containsExactly(field);
        }

        private static Rule rule(RuleSource source, Duration cooldown, Integer min, Integer max) {
            return new Rule(
                    "upf-scale",
                    source,
                    "true",
                    RuleAction.SCALE_OUT,
                    new RuleTarget("UPF", null, null),
                    null,
                    cooldown,
                    min,
                    max,
                    null,
                    null,
                    true);
        }
    }

    @Nested
    class Events {

        static Stream<Arguments> invalid() {
            return Stream.of(
                    invalidCase(
                            "envelope without event_type",
                            new EventEnvelope<>(
                                    UUID.randomUUID(), null, "cluster-registry", null, Instant.now(), null, Map.of()),
                            "eventType"),
                    invalidCase(
                            "envelope with blank source",
                            EventEnvelope.of(EventType.GPU_UPDATE, " ", null, Map.of()),
                            "source"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalid")
        void shouldNameFieldWhenValueIsInvalid(Object invalid, String field) {
            assertThat(violatedPaths(invalid)).containsExactly(field);
        }
    }

    private static PersonaRequest personaRequest(String id) {
        return new PersonaRequest(id, "NOC analyst", null, "You help NOC engineers.", List.of("list_alerts"), "bell");
    }

    private static Arguments invalidCase(String description, Object value, String field) {
        return arguments(named(description, value), field);
    }
}
