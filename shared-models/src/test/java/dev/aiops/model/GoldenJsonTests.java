package dev.aiops.model;

import static dev.aiops.model.JsonSupport.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.aiops.model.cluster.ClusterStatusChangedEvent;
import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.cnf.CnfView;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.gpu.GpuNode;
import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.model.intelligence.ChatMessage;
import dev.aiops.model.intelligence.Persona;
import dev.aiops.model.intent.StructuredIntent;
import dev.aiops.model.intent.tmf.Intent;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertmanagerWebhook;
import dev.aiops.model.observability.FederatedMetricResponse;
import dev.aiops.model.observability.KpmReport;
import dev.aiops.model.observability.MetricQuery;
import dev.aiops.model.packages.PackageRevisionSummary;
import dev.aiops.model.paging.PagedResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * The wire contract of one representative record per domain, pinned by golden files: the record writes
 * exactly the golden JSON (compared as trees, so member order and whitespace do not matter) and reads it
 * back to an equal record.
 */
class GoldenJsonTests {

    record Golden(String file, Object value, JavaType type) {}

    static Stream<Arguments> goldens() {
        TypeFactory types = MAPPER.getTypeFactory();
        return Stream.of(
                        golden("cluster-view.json", Fixtures.clusterView(), types.constructType(ClusterView.class)),
                        golden(
                                "paged-cluster-view.json",
                                Fixtures.clusterPage(),
                                types.constructParametricType(PagedResponse.class, ClusterView.class)),
                        golden(
                                "event-envelope-cluster-status-changed.json",
                                Fixtures.clusterStatusChangedEnvelope(),
                                types.constructParametricType(EventEnvelope.class, ClusterStatusChangedEvent.class)),
                        golden("metric-query.json", Fixtures.metricQuery(), types.constructType(MetricQuery.class)),
                        golden(
                                "federated-metric-response.json",
                                Fixtures.federatedMetricResponse(),
                                types.constructType(FederatedMetricResponse.class)),
                        golden("alert.json", Fixtures.alert(), types.constructType(Alert.class)),
                        golden(
                                "alertmanager-webhook.json",
                                Fixtures.alertmanagerWebhook(),
                                types.constructType(AlertmanagerWebhook.class)),
                        golden("kpm-report.json", Fixtures.kpmReport(), types.constructType(KpmReport.class)),
                        golden("gpu-node.json", Fixtures.gpuNode(), types.constructType(GpuNode.class)),
                        golden("persona.json", Fixtures.persona(), types.constructType(Persona.class)),
                        golden(
                                "chat-message-tool-calls.json",
                                Fixtures.chatMessageWithToolCalls(),
                                types.constructType(ChatMessage.class)),
                        golden(
                                "anomaly-detection.json",
                                Fixtures.anomalyDetection(),
                                types.constructType(AnomalyDetection.class)),
                        golden(
                                "structured-intent.json",
                                Fixtures.structuredIntent(),
                                types.constructType(StructuredIntent.class)),
                        golden("tmf921-intent.json", Fixtures.tmfIntent(), types.constructType(Intent.class)),
                        golden("cnf-view.json", Fixtures.cnfView(), types.constructType(CnfView.class)),
                        golden(
                                "package-revision-summary.json",
                                Fixtures.packageRevisionSummary(),
                                types.constructType(PackageRevisionSummary.class)))
                .map(Arguments::of);
    }

    private static Named<Golden> golden(String file, Object value, JavaType type) {
        return named(type.toCanonical().replaceAll("[a-z]+\\.", "") + " ↔ " + file, new Golden(file, value, type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void shouldWriteGoldenJsonWhenSerialized(Golden golden) {
        String expected = JsonSupport.golden(golden.file(), golden.value());

        assertThat(JsonSupport.serialize(golden.value())).isEqualTo(JsonSupport.tree(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void shouldReadEqualRecordWhenGoldenJsonDeserialized(Golden golden) {
        String json = JsonSupport.golden(golden.file(), golden.value());

        Object read = MAPPER.readValue(json, golden.type());

        assertThat(read).isEqualTo(golden.value());
    }
}
