package dev.aiops.intent.closedloop;

import dev.aiops.model.cnf.RuleSource;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CEL for rule conditions: one environment per source, declaring exactly the variables an input of that
 * source provides, so a condition naming anything else fails on save instead of at 3 a.m. FCAPS rules see
 * the VES event's blocks ({@code faultFields.alarmCondition}); KPM rules see one {@code kpm} map
 * ({@code kpm.prb_utilization}). The blocks are {@code map(string, dyn)}: VES fields vary by domain and
 * version, so field names inside a block are checked at run time (a missing one is "missing data").
 */
final class RuleConditions {

    /** The VES 7 blocks a condition may name; absent blocks are bound as empty maps. */
    static final List<String> VES_BLOCKS = List.of(
            "commonEventHeader",
            "faultFields",
            "thresholdCrossingAlertFields",
            "measurementFields",
            "heartbeatFields",
            "notificationFields",
            "stateChangeFields",
            "otherFields",
            "pnfRegistrationFields",
            "syslogFields",
            "mobileFlowFields",
            "sipSignalingFields",
            "voiceQualityFields",
            "perf3gppFields");

    static final String KPM = "kpm";

    /** The VES field (fault and threshold-crossing blocks) whose NORMAL value marks a clear. */
    static final String SEVERITY_FIELD = "eventSeverity";

    private static final CelType BLOCK = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private final Map<RuleSource, Cel> environments = new EnumMap<>(RuleSource.class);

    RuleConditions() {
        CelOptions options =
                CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
        var fcaps = CelFactory.standardCelBuilder().setOptions(options).setResultType(SimpleType.BOOL);
        VES_BLOCKS.forEach(block -> fcaps.addVar(block, BLOCK));
        environments.put(RuleSource.FCAPS, fcaps.build());
        environments.put(
                RuleSource.KPM,
                CelFactory.standardCelBuilder()
                        .setOptions(options)
                        .setResultType(SimpleType.BOOL)
                        .addVar(KPM, BLOCK)
                        .build());
    }

    /**
     * A condition compiled, type-checked and ready to run. Thread-safe.
     *
     * @param readsSeverity whether it names {@code eventSeverity} (as {@code faultFields.eventSeverity} or
     *     {@code faultFields['eventSeverity']}): only such a condition has decided for itself about clears
     */
    record Condition(String text, CelRuntime.Program program, boolean readsSeverity) {

        /** Evaluates against the variables; an error (missing field, wrong type) is a result, not an exception. */
        Evaluation evaluate(Map<String, Object> variables) {
            try {
                Object result = program.eval(variables);
                return result instanceof Boolean b ? new Evaluation(b, null) : new Evaluation(false, "not a boolean");
            } catch (CelEvaluationException | RuntimeException e) {
                return new Evaluation(
                        false, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
    }

    /** {@code error} is null when the condition ran; otherwise {@code matched} is false. */
    record Evaluation(boolean matched, String error) {

        /** A field the condition names was not in the input: no data, so no action. */
        boolean missingData() {
            return error != null && (error.contains("is not present in map") || error.contains("no such key"));
        }
    }

    /** Compiles {@code text} for {@code source}, or returns why it does not compile or type-check. */
    Compiled compile(RuleSource source, String text) {
        Cel cel = environments.get(source);
        try {
            CelValidationResult result = cel.compile(text);
            if (result.hasError()) {
                return Compiled.failed(result.getErrorString());
            }
            CelAbstractSyntaxTree ast = result.getAst();
            return new Compiled(
                    Optional.of(new Condition(text, cel.createProgram(ast), names(ast, SEVERITY_FIELD))), null);
        } catch (CelValidationException | CelEvaluationException | RuntimeException e) {
            return Compiled.failed(e.getMessage());
        }
    }

    /** Whether the expression selects or indexes {@code field} anywhere, read from the checked syntax tree. */
    private static boolean names(CelAbstractSyntaxTree ast, String field) {
        return CelNavigableAst.fromAst(ast)
                .getRoot()
                .allNodes()
                .map(CelNavigableExpr::expr)
                .anyMatch(expr -> (expr.getKind() == CelExpr.ExprKind.Kind.SELECT
                                && expr.select().field().equals(field))
                        || (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                                && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE
                                && expr.constant().stringValue().equals(field)));
    }

    record Compiled(Optional<Condition> condition, String error) {
        static Compiled failed(String error) {
            return new Compiled(Optional.empty(), error == null ? "does not compile" : error);
        }
    }

    /**
     * The variables of a VES event for FCAPS conditions: every declared block, empty when the event lacks it
     * (so {@code faultFields.alarmCondition} on a measurement event is missing data, not an unknown name).
     */
    static Map<String, Object> fcapsVariables(Map<String, Object> vesEvent) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (String block : VES_BLOCKS) {
            Object value = vesEvent.get(block);
            variables.put(block, value instanceof Map<?, ?> map ? celValue(map) : Map.of());
        }
        return variables;
    }

    static Map<String, Object> kpmVariables(Map<String, Object> report) {
        return Map.of(KPM, celValue(report));
    }

    /**
     * JSON as CEL's runtime expects it: integers as long, other numbers as double, nulls left out (a null
     * measurement is missing data), nested maps and lists converted alike.
     */
    @SuppressWarnings("unchecked")
    static <T> T celValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put(String.valueOf(k), celValue(v));
                }
            });
            return (T) out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.stream().filter(v -> v != null).forEach(v -> out.add(celValue(v)));
            return (T) out;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return (T) Long.valueOf(((Number) value).longValue());
        }
        if (value instanceof java.math.BigInteger big) {
            return (T) Long.valueOf(big.longValue());
        }
        if (value instanceof Float || value instanceof java.math.BigDecimal) {
            return (T) Double.valueOf(((Number) value).doubleValue());
        }
        return (T) value;
    }
}
