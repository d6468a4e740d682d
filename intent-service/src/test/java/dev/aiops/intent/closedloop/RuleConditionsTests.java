package dev.aiops.intent.closedloop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.cnf.RuleSource;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleConditionsTests {

    private final RuleConditions conditions = new RuleConditions();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "FCAPS | faultFields.alarmCondition == 'LINK_DOWN'",
                "FCAPS | double(thresholdCrossingAlertFields.alertValue) > 0.9",
                "KPM   | kpm.prb_utilization > 0.85",
                "KPM   | kpm.prb_utilization < 0.3 && kpm.ue_count < 50"
            })
    void shouldCompileTheSeedRulesAndTheirKindWhenNamesAreDeclared(RuleSource source, String condition) {
        assertThat(conditions.compile(source, condition).condition()).isPresent();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "KPM   | report.prb_utilization > 0.85",
                "FCAPS | kpm.prb_utilization > 0.85",
                "KPM   | faultFields.alarmCondition == 'LINK_DOWN'",
                "KPM   | kpm.prb_utilization >",
                "KPM   | 'not a boolean'",
                "FCAPS | size(faultFields) + 'x' > 1"
            })
    void shouldRefuseConditionWhenItNamesUndeclaredVariablesOrIsNotABooleanExpression(
            RuleSource source, String condition) {
        RuleConditions.Compiled compiled = conditions.compile(source, condition);

        assertThat(compiled.condition()).isEmpty();
        assertThat(compiled.error()).isNotBlank();
    }

    @Test
    void shouldMatchKpmReportWhenMetricIsAboveTheMarkAndCompareIntegersWithDoubles() {
        var condition = conditions
                .compile(RuleSource.KPM, "kpm.prb_utilization > 0.85 && kpm.ue_count > 10.5")
                .condition()
                .orElseThrow();

        var above = condition.evaluate(RuleConditions.kpmVariables(Map.of("prb_utilization", 0.9, "ue_count", 12)));
        var below = condition.evaluate(RuleConditions.kpmVariables(Map.of("prb_utilization", 0.5, "ue_count", 12)));

        assertThat(above.matched()).isTrue();
        assertThat(above.error()).isNull();
        assertThat(below.matched()).isFalse();
        assertThat(below.error()).isNull();
    }

    @Test
    void shouldReportMissingDataInsteadOfThrowingWhenTheReportLacksTheMeasurement() {
        var condition = conditions
                .compile(RuleSource.KPM, "kpm.prb_utilization > 0.85")
                .condition()
                .orElseThrow();
        Map<String, Object> report = new HashMap<>();
        report.put("node_id", "gnb-1");
        report.put("prb_utilization", null);

        var outcome = condition.evaluate(RuleConditions.kpmVariables(report));

        assertThat(outcome.matched()).isFalse();
        assertThat(outcome.missingData()).as(outcome.error()).isTrue();
    }

    @Test
    void shouldReportAnErrorThatIsNotMissingDataWhenTypesDoNotFitAtRunTime() {
        var condition = conditions
                .compile(RuleSource.FCAPS, "thresholdCrossingAlertFields.alertValue > 0.9")
                .condition()
                .orElseThrow();

        var outcome = condition.evaluate(
                RuleConditions.fcapsVariables(Map.of("thresholdCrossingAlertFields", Map.of("alertValue", "0.95"))));

        assertThat(outcome.matched()).isFalse();
        assertThat(outcome.error()).isNotNull();
        assertThat(outcome.missingData()).isFalse();
    }

    @Test
    void shouldFillPlaceholdersFromTheInputAndKeepUnknownOnesAsWritten() {
        String text = Templates.render(
                "Scale out on {kpm.node_id}: PRB {kpm.prb_utilization}, {kpm.nothing}",
                RuleConditions.kpmVariables(Map.of("node_id", "gnb-7", "prb_utilization", 0.93)));

        assertThat(text).isEqualTo("Scale out on gnb-7: PRB 0.93, {kpm.nothing}");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "faultFields.alarmCondition == 'LINK_DOWN'                                  | false",
                "faultFields.alarmCondition == 'LINK_DOWN' && faultFields.eventSeverity != 'NORMAL' | true",
                "faultFields['eventSeverity'] == 'CRITICAL'                                 | true",
                "thresholdCrossingAlertFields.eventSeverity in ['MAJOR', 'CRITICAL']        | true",
                "faultFields.alarmCondition == 'X' && faultFields.eventSeverity == 'MAJOR'   | true",
            })
    void shouldKnowWhetherAConditionReadsTheSeverity(String text, boolean reads) {
        assertThat(conditions
                        .compile(RuleSource.FCAPS, text)
                        .condition()
                        .orElseThrow()
                        .readsSeverity())
                .isEqualTo(reads);
    }
}
