package dev.aiops.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and dashboards that ship with the chart and the compose stack, checked by Prometheus's own
 * {@code promtool} (Debian's prometheus package; .ci/run installs it): the rules load, each alert's unit test
 * passes, and every dashboard query parses as PromQL.
 */
class PrometheusRulesAndDashboardsTests {

    static final Path RULES = Chart.DIR.resolve("files/prometheus");
    static final Path DASHBOARDS = Chart.DIR.resolve("files/dashboards");

    record Result(int exitCode, String output) {}

    static Result promtool(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtoolBinary()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("promtool finished")
                .isTrue();
        return new Result(process.exitValue(), output);
    }

    static String promtoolBinary() {
        Path debian = Path.of("/usr/bin/promtool");
        assertThat(debian)
                .as("promtool comes with Debian's prometheus package: apt-get install -y prometheus")
                .isExecutable();
        return debian.toString();
    }

    @Test
    void shouldLoadTheAlertRules() throws Exception {
        Result result = promtool(RULES, "check", "rules", "platform-rules.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void shouldPassTheUnitTestOfEveryAlert() throws Exception {
        Result result = promtool(RULES, "test", "rules", "platform-rules.test.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        Map<String, Object> rules = Chart.readYaml(RULES.resolve("platform-rules.yml"));
        String tests = Files.readString(RULES.resolve("platform-rules.test.yml"));
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Object alert = ((Map<?, ?>) rule).get("alert");
                assertThat(tests).as("a unit test for %s", alert).contains("alertname: " + alert);
            }
        }
    }

    @Test
    void shouldWriteEveryDashboardQueryInValidPromQl() throws Exception {
        // promtool parses each expression when it loads a rules file, so the queries become recording rules.
        List<Map<String, Object>> records = new ArrayList<>();
        List<Path> dashboards;
        try (var files = Files.list(DASHBOARDS)) {
            dashboards =
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards).isNotEmpty();
        for (Path dashboard : dashboards) {
            for (String expr : queries(dashboard)) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("record", "dashboard:query:" + records.size());
                record.put("expr", expr.replace("$job", "aiops-.+"));
                records.add(record);
            }
        }
        Path work = Files.createTempDirectory("dashboards");
        Files.writeString(
                work.resolve("queries.yml"),
                Chart.SERIALIZATION.asYaml(Map.of("groups", List.of(Map.of("name", "dashboards", "rules", records)))));

        Result result = promtool(work, "check", "rules", "queries.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + records.size() + " rules found");
    }

    @Test
    void shouldQueryThroughTheDataSourceVariableSoAnyPrometheusCanBeChosen() throws Exception {
        try (var files = Files.list(DASHBOARDS)) {
            for (Path dashboard : files.toList()) {
                Map<String, Object> json = read(dashboard);
                assertThat(json.get("uid")).as(dashboard.toString()).isNotNull();
                for (Object panel : (List<?>) json.get("panels")) {
                    assertThat(((Map<?, ?>) ((Map<?, ?>) panel).get("datasource")).get("uid"))
                            .as("%s: %s", dashboard.getFileName(), ((Map<?, ?>) panel).get("title"))
                            .isEqualTo("${datasource}");
                }
            }
        }
    }

    @Test
    void shouldGiveComposesPrometheusAValidConfigWithTheChartsJobNames() throws Exception {
        Path config = Chart.REPO.resolve("deploy/prometheus/prometheus.yml");

        Result result = promtool(config.getParent(), "check", "config", "prometheus.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        List<?> jobs = (List<?>) Chart.readYaml(config).get("scrape_configs");
        assertThat(jobs.stream().map(job -> String.valueOf(((Map<?, ?>) job).get("job_name"))))
                .as("compose scrapes each service under the job name the chart's ServiceMonitors give it")
                .containsExactlyInAnyOrderElementsOf(HelmChartTests.SERVICES.stream()
                        .map(service -> "aiops-" + service)
                        .toList());
    }

    @Test
    void shouldGiveComposesAlertmanagerAValidConfig() throws Exception {
        Path amtool = Path.of("/usr/bin/amtool");
        assertThat(amtool)
                .as("amtool comes with Debian's prometheus-alertmanager package")
                .isExecutable();
        Process process = new ProcessBuilder(amtool.toString(), "check-config", "alertmanager.yml")
                .directory(Chart.REPO.resolve("deploy/alertmanager").toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    /** The PromQL of every panel target of a Grafana dashboard. */
    static List<String> queries(Path dashboard) throws IOException {
        List<String> exprs = new ArrayList<>();
        for (Object panel : (List<?>) read(dashboard).get("panels")) {
            for (Object target : (List<?>) ((Map<?, ?>) panel).get("targets")) {
                exprs.add(String.valueOf(((Map<?, ?>) target).get("expr")));
            }
        }
        return exprs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path json) throws IOException {
        return new KubernetesSerialization().unmarshal(Files.readString(json), Map.class);
    }
}
