package dev.aiops.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.aiops.platform.security.GatewayAccessRules.Access;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks every operation of the running service's own OpenAPI document ({@code /v3/api-docs}) and sends
 * it the requests a careless or hostile client sends: no token, a token one rank too low (with a valid, a
 * malformed and an empty body: the role is refused before the body is read), broken JSON,
 * a wrong JSON type for each property, an unknown property, a body over {@code aiops.web.max-request-size},
 * no body where one is required, and out-of-range or mistyped query and path parameters. Every answer must
 * be the refusal the platform promises (401, 403, 400 naming the field, 413), as problem+json, never a
 * 5xx, never a stack trace or exception text; and no row in the service's schema may appear, change count
 * or vanish because of a refused request. An endpoint added to a service is walked without new test code.
 *
 * <p>The role an operation needs is read from its handler's {@code @PreAuthorize} (the rule the service
 * itself enforces, as {@link GatewayAccessCheck} reads it); the body, parameters and bounds from the
 * document. Unknown JSON properties are refused platform-wide
 * ({@code spring.jackson.deserialization.fail-on-unknown-properties=true} in platform-commons' defaults),
 * except on request types that declare {@code @JsonIgnoreProperties(ignoreUnknown = true)} because
 * their standard allows extension (TMF921, the Alertmanager webhook): those are not sent the unknown-field
 * case.
 *
 * <pre>{@code
 * @RegistryIntegrationTest
 * class ApiRefusalTests extends OpenApiRefusalTests {}
 * }</pre>
 */
public abstract class OpenApiRefusalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    /**
     * The platform's paging parameters (CONTRACTS: page ≥ 1, page_size 1-100): -1 and 10^9 are refused even
     * where the document gives no bounds. Other integers are checked against the bounds they declare only:
     * a standard API's {@code limit} may well mean "no limit" at -1 (Prometheus' does).
     */
    private static final Set<String> PAGING = Set.of("page", "page_size");
    /** Text that only an exception or a stack frame puts into a body. */
    private static final List<String> LEAKS = List.of(
            "Exception",
            "\tat ",
            "at dev.aiops",
            "org.springframework",
            "tools.jackson",
            "com.fasterxml",
            "java.lang",
            "java.util",
            "org.hibernate",
            "org.postgresql",
            "jakarta.");

    static final String UNKNOWN_FIELD = "unexpected_field";
    /** Expected "status" of a probe with a free-text path value: whatever it is, not a crash. */
    private static final int FREE_TEXT = -4;

    @Autowired
    protected RestTestClient client;

    @Autowired
    protected Tokens tokens;

    @Autowired
    protected ApplicationContext context;

    /** One operation of the document, joined with the handler that serves it. */
    record Operation(
            String method,
            String path,
            JsonNode parameters,
            JsonNode bodySchema,
            String bodyMediaType,
            boolean bodyRequired,
            Access access,
            boolean lenientBody) {

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    /** One request to send: what to break, and what the service must answer. */
    record Case(String name, Request request, int expectedStatus, String field) {}

    record Request(
            String token,
            Map<String, String> pathValues,
            Map<String, String> queryValues,
            String body,
            MediaType contentType) {

        Request withToken(String newToken) {
            return new Request(newToken, pathValues, queryValues, body, contentType);
        }

        Request withBody(String newBody) {
            return new Request(token, pathValues, queryValues, newBody, contentType);
        }

        Request withPath(String name, String value) {
            Map<String, String> values = new LinkedHashMap<>(pathValues);
            values.put(name, value);
            return new Request(token, values, queryValues, body, contentType);
        }

        Request withQuery(String name, String value) {
            Map<String, String> values = new LinkedHashMap<>(queryValues);
            values.put(name, value);
            return new Request(token, pathValues, values, body, contentType);
        }
    }

    /**
     * Tables that background jobs of this service write while the suite runs (health samples, relayed
     * outbox rows): their counts are not compared. Empty by default; say why when overriding.
     */
    protected Set<String> tablesWrittenInBackground() {
        return Set.of();
    }

    /**
     * Path prefixes of standard APIs whose errors speak their standard's format rather than problem+json
     * (CONTRACTS: "standard APIs speak their standard's dialect", e.g. the Prometheus-compatible API). Their
     * refusals must still be the right 4xx, without 5xx, leaks or writes; only the body format is theirs.
     */
    protected Set<String> standardErrorDialects() {
        return Set.of();
    }

    /**
     * The name the service token carries for operations only other platform services may call; a service
     * that scopes such an endpoint to some callers names one of them here.
     */
    protected String callingService() {
        return "test-service";
    }

    @TestFactory
    Stream<DynamicNode> everyDocumentedOperationRefusesBadRequests() {
        String text = client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();
        keepForReaders(text);
        JsonNode document = JSON.readTree(text);
        SchemaSamples samples = new SchemaSamples(document);
        List<Operation> operations = operations(document, samples);
        assertThat(operations).as("operations in /v3/api-docs").isNotEmpty();
        List<DynamicNode> nodes = new ArrayList<>();
        int cases = 0;
        for (Operation operation : operations) {
            List<Case> generated = cases(operation, samples);
            cases += generated.size();
            nodes.add(DynamicContainer.dynamicContainer(
                    operation.toString(),
                    generated.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(operation, c)))));
        }
        System.out.printf(
                "OpenApiRefusalTests %s: %d operations walked, %d cases generated%n",
                getClass().getName(), operations.size(), cases);
        return nodes.stream();
    }

    // ---- the document

    /** The walked document beside the surefire reports, so a failure can be read against it. */
    private void keepForReaders(String document) {
        java.nio.file.Path target = java.nio.file.Path.of("target");
        if (java.nio.file.Files.isDirectory(target)) {
            try {
                java.nio.file.Files.writeString(
                        target.resolve("openapi-walked-" + getClass().getSimpleName() + ".json"), document);
            } catch (java.io.IOException e) {
                // only a convenience for readers
            }
        }
    }

    private List<Operation> operations(JsonNode document, SchemaSamples samples) {
        Map<String, HandlerMethod> handlers = handlers();
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : new TreeMap<>(toMap(document.path("paths"))).entrySet()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                JsonNode operation = entry.getValue();
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                operation.path("parameters").forEach(parameters::add);
                JsonNode content = operation.path("requestBody").path("content");
                String mediaType = null;
                JsonNode bodySchema = null;
                for (Map.Entry<String, JsonNode> media : content.properties()) {
                    if (mediaType == null || media.getKey().contains("json") && !mediaType.contains("json")) {
                        mediaType = media.getKey();
                        bodySchema = media.getValue().path("schema");
                    }
                }
                HandlerMethod handler =
                        handlers.get(entry.getKey().toUpperCase(Locale.ROOT) + " " + normalize(path.getKey()));
                operations.add(new Operation(
                        entry.getKey(),
                        path.getKey(),
                        JSON.valueToTree(parameters),
                        bodySchema,
                        mediaType,
                        operation.path("requestBody").path("required").asBoolean(false),
                        handler == null ? null : GatewayAccessCheck.serviceAccess(handler),
                        handler != null && lenientBody(handler)));
            }
        }
        return operations;
    }

    private Map<String, HandlerMethod> handlers() {
        Map<String, HandlerMethod> handlers = new HashMap<>();
        for (RequestMappingHandlerMapping mapping :
                context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                    mapping.getHandlerMethods().entrySet()) {
                Set<RequestMethod> methods =
                        entry.getKey().getMethodsCondition().getMethods();
                for (String pattern : entry.getKey().getPatternValues()) {
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.values()) : methods) {
                        handlers.putIfAbsent(method.name() + " " + normalize(pattern), entry.getValue());
                    }
                }
            }
        }
        return handlers;
    }

    private static String normalize(String pattern) {
        return VARIABLE.matcher(pattern).replaceAll("{$1}");
    }

    private static boolean lenientBody(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                JsonIgnoreProperties ignore = parameter.getParameterType().getAnnotation(JsonIgnoreProperties.class);
                return ignore != null && ignore.ignoreUnknown();
            }
        }
        return false;
    }

    private static Map<String, JsonNode> toMap(JsonNode object) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    // ---- the cases

    private List<Case> cases(Operation operation, SchemaSamples samples) {
        Request valid = validRequest(operation, samples);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("without a token → 401", valid.withToken(null), 401, null));
        Access access = operation.access();
        String lacking = lacking(access);
        if (operation.bodySchema() != null && operation.bodySchema().isMissingNode()) {
            // no schema in the document: no valid body can be built; the role is still checked before the body
            System.out.printf("OpenApiRefusalTests: %s documents no schema for its request body%n", operation);
        }
        if (lacking != null) {
            // the role is checked before the body is read: a caller without it learns nothing of the body's
            // rules, whether the body is valid, breaks a rule, or is no JSON at all
            Request lackingRole = valid.withToken(token(lacking));
            cases.add(new Case("with a " + lacking + " token → 403", lackingRole, 403, null));
            if (operation.bodySchema() != null && isJson(operation)) {
                cases.add(new Case(
                        "with a " + lacking + " token and malformed JSON → 403", lackingRole.withBody("{"), 403, null));
                cases.add(new Case(
                        "with a " + lacking + " token and an empty JSON object → 403",
                        lackingRole.withBody("{}"),
                        403,
                        null));
            }
        }
        if (access == Access.PUBLIC) {
            // the caller holds the service's own credentials (webhook, basic auth), not a platform token: the
            // input cases below would need them; the 401 above still proves the door is closed
            return cases;
        }
        Request authorized = valid.withToken(token(allowed(access)));
        if (operation.bodySchema() != null) {
            cases.addAll(bodyCases(operation, samples, authorized));
        }
        for (JsonNode parameter : operation.parameters()) {
            cases.addAll(parameterCases(parameter, samples, authorized));
        }
        return cases;
    }

    private Request validRequest(Operation operation, SchemaSamples samples) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> queryValues = new LinkedHashMap<>();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.path("name").asString();
            String in = parameter.path("in").asString();
            if ("path".equals(in)) {
                pathValues.put(name, text(samples.sample(parameter.path("schema"))));
            } else if ("query".equals(in) && parameter.path("required").asBoolean(false)) {
                queryValues.put(name, text(samples.sample(parameter.path("schema"))));
            }
        }
        String body = null;
        MediaType contentType = null;
        if (operation.bodySchema() != null) {
            contentType = MediaType.parseMediaType(operation.bodyMediaType());
            body = isJson(operation)
                    ? JSON.writeValueAsString(samples.sample(operation.bodySchema()))
                    : text(samples.sample(operation.bodySchema()));
        }
        return new Request(null, pathValues, queryValues, body, contentType);
    }

    private List<Case> bodyCases(Operation operation, SchemaSamples samples, Request authorized) {
        List<Case> cases = new ArrayList<>();
        long limit = maxRequestBytes();
        if (isJson(operation)) {
            cases.add(new Case("malformed JSON → 400", authorized.withBody("{"), 400, null));
            JsonNode valid = JSON.readTree(authorized.body());
            if (valid instanceof ObjectNode object) {
                var properties = samples.properties(operation.bodySchema());
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    JsonNode wrong = wrongType(samples.type(property.getValue()));
                    if (wrong == null) {
                        continue; // an open schema accepts any JSON
                    }
                    ObjectNode broken = object.deepCopy();
                    broken.remove(property.getKey());
                    ObjectNode first = JSON.createObjectNode();
                    first.set(property.getKey(), wrong); // first, so it is the property the parser trips on
                    first.setAll(broken);
                    cases.add(new Case(
                            "wrong JSON type for " + property.getKey() + " → 400 naming it",
                            authorized.withBody(JSON.writeValueAsString(first)),
                            400,
                            property.getKey()));
                }
                if (!operation.lenientBody()
                        && samples.resolve(operation.bodySchema()).has("properties")) {
                    ObjectNode unknown = JSON.createObjectNode();
                    unknown.put(UNKNOWN_FIELD, true);
                    unknown.setAll(object);
                    cases.add(new Case(
                            "unknown field → 400 naming it",
                            authorized.withBody(JSON.writeValueAsString(unknown)),
                            400,
                            UNKNOWN_FIELD));
                }
                ObjectNode oversize = object.deepCopy();
                oversize.put("padding", "x".repeat((int) Math.min(limit + 1024, Integer.MAX_VALUE - 64)));
                cases.add(new Case(
                        "body over " + limit + " bytes → 413",
                        authorized.withBody(JSON.writeValueAsString(oversize)),
                        413,
                        null));
            } else {
                cases.add(new Case(
                        "body over " + limit + " bytes → 413",
                        authorized.withBody("[" + "1,".repeat((int) (limit / 2) + 512) + "1]"),
                        413,
                        null));
            }
            if (operation.bodyRequired()) {
                cases.add(new Case("empty body → 400", authorized.withBody(""), 400, null));
            }
        } else {
            cases.add(new Case(
                    "body over " + limit + " bytes → 413",
                    authorized.withBody("x".repeat((int) limit + 1024)),
                    413,
                    null));
        }
        return cases;
    }

    private static JsonNode wrongType(String type) {
        return switch (type) {
            case "string" -> JSON.createObjectNode().put("wrong", "type");
            case "integer", "number" -> JSON.getNodeFactory().stringNode("not-a-number");
            case "boolean" -> JSON.getNodeFactory().stringNode("not-a-boolean");
            case "array" -> JSON.createObjectNode().put("wrong", "type");
            case "object" -> JSON.createArrayNode().add("not-an-object");
            default -> null;
        };
    }

    private List<Case> parameterCases(JsonNode parameter, SchemaSamples samples, Request authorized) {
        String name = parameter.path("name").asString();
        String in = parameter.path("in").asString();
        JsonNode schema = samples.resolve(parameter.path("schema"));
        String type = samples.type(schema);
        String format = schema.path("format").asString("");
        List<Case> cases = new ArrayList<>();
        if ("path".equals(in)) {
            if ("uuid".equals(format)) {
                cases.add(new Case(
                        "path " + name + " not a UUID → 400 naming it",
                        authorized.withPath(name, "not-a-uuid"),
                        400,
                        name));
            } else if ("integer".equals(type) || "number".equals(type)) {
                cases.add(new Case(
                        "path " + name + " not a number → 400 naming it",
                        authorized.withPath(name, "not-a-number"),
                        400,
                        name));
            } else {
                // a free-text id: whatever the service makes of it, an over-long value is a 4xx, not a 500
                cases.add(new Case(
                        "path " + name + " of 300 characters → no 500",
                        authorized.withPath(name, "x".repeat(300)),
                        FREE_TEXT,
                        null));
                cases.add(new Case(
                        "path " + name + " 'not-a-uuid' → no 500",
                        authorized.withPath(name, "not-a-uuid"),
                        FREE_TEXT,
                        null));
            }
            return cases;
        }
        if (!"query".equals(in)) {
            return cases;
        }
        if ("integer".equals(type) || "number".equals(type)) {
            cases.add(new Case(
                    "query " + name + "=not-a-number → 400 naming it",
                    authorized.withQuery(name, "not-a-number"),
                    400,
                    name));
            java.util.Set<String> outOfRange = new java.util.LinkedHashSet<>();
            if (PAGING.contains(name)) {
                outOfRange.add("-1");
                outOfRange.add("1000000000");
            }
            if (schema.has("minimum")) {
                outOfRange.add(schema.get("minimum")
                        .decimalValue()
                        .subtract(java.math.BigDecimal.ONE)
                        .toPlainString());
            }
            if (schema.has("maximum")) {
                outOfRange.add(schema.get("maximum")
                        .decimalValue()
                        .add(java.math.BigDecimal.ONE)
                        .toPlainString());
            }
            for (String value : outOfRange) {
                cases.add(new Case(
                        "query " + name + "=" + value + " → 400 naming it",
                        authorized.withQuery(name, value),
                        400,
                        name));
            }
        } else if ("boolean".equals(type)) {
            cases.add(new Case(
                    "query " + name + "=not-a-boolean → 400 naming it",
                    authorized.withQuery(name, "not-a-boolean"),
                    400,
                    name));
        } else if ("string".equals(type) && schema.has("enum")) {
            cases.add(new Case(
                    "query " + name + "=NOT_A_VALUE → 400 naming it",
                    authorized.withQuery(name, "NOT_A_VALUE"),
                    400,
                    name));
        } else if ("string".equals(type) && ("uuid".equals(format) || "date-time".equals(format))) {
            cases.add(new Case(
                    "query " + name + "=not-a-" + format + " → 400 naming it",
                    authorized.withQuery(name, "not-a-" + format),
                    400,
                    name));
        }
        return cases;
    }

    private static String lacking(Access access) {
        if (access == null) {
            return null;
        }
        return switch (access) {
            case OPERATOR -> "viewer";
            case ADMIN -> "operator";
            case DENY -> "admin";
            default -> null;
        };
    }

    private static String allowed(Access access) {
        if (access == null) {
            return "admin"; // no rule of its own: any signed-in caller
        }
        return switch (access) {
            case OPERATOR -> "operator";
            case ADMIN -> "admin";
            case DENY -> "service";
            default -> "viewer";
        };
    }

    private String token(String role) {
        return "service".equals(role) ? tokens.serviceToken(callingService()) : tokens.token(role);
    }

    private long maxRequestBytes() {
        return context.getEnvironment()
                .getProperty("aiops.web.max-request-size", DataSize.class, DataSize.ofMegabytes(1))
                .toBytes();
    }

    private static boolean isJson(Operation operation) {
        return operation.bodyMediaType() != null && operation.bodyMediaType().contains("json");
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }

    // ---- sending and judging

    private void check(Operation operation, Case c) throws SQLException {
        Map<String, Long> before = rowCounts();
        EntityExchangeResult<String> result = send(operation, c.request());
        Map<String, Long> after = rowCounts();

        int status = result.getStatus().value();
        String body = result.getResponseBody() == null ? "" : result.getResponseBody();
        String described = operation + " [" + c.name() + "] answered " + status + ": " + abbreviate(body);
        if (c.expectedStatus() != FREE_TEXT) {
            assertThat(status).as("never a 5xx: %s", described).isLessThan(500);
        }
        for (String leak : LEAKS) {
            assertThat(body).as("no exception text in the body: %s", described).doesNotContain(leak);
        }
        assertThat(after)
                .as("row counts per table after a refused request: %s", described)
                .isEqualTo(before);
        if (c.expectedStatus() == FREE_TEXT) {
            // a free-text id may be valid: then the service answers as for any unknown id, or asks a
            // dependency (503 when the test has none); only a crash (500) or a leak is wrong
            assertThat(status).as("not a 500: %s", described).isNotEqualTo(500);
            if (status < 400) {
                return;
            }
        } else {
            assertThat(status).as(described).isEqualTo(c.expectedStatus());
        }
        if (standardErrorDialects().stream().anyMatch(operation.path()::startsWith)) {
            return;
        }
        assertThat(result.getResponseHeaders().getContentType())
                .as("problem+json: %s", described)
                .isNotNull()
                .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON), "application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("status").asInt()).as(described).isEqualTo(status);
        assertThat(problem.path("code").asString(""))
                .as("a code: %s", described)
                .isNotBlank();
        if (c.field() != null) {
            List<String> fields = new ArrayList<>();
            problem.path("errors").forEach(e -> fields.add(e.path("field").asString("")));
            assertThat(fields)
                    .as("errors[].field names %s: %s", c.field(), described)
                    .anyMatch(f -> f.equals(c.field())
                            || f.startsWith(c.field() + ".")
                            || f.startsWith(c.field() + "[")
                            || f.endsWith("." + c.field()));
            if (!UNKNOWN_FIELD.equals(c.field())) {
                // a documented property the parser calls unknown means the document names it wrongly
                assertThat(problem.path("errors").toString())
                        .as("%s is a property the service knows: %s", c.field(), described)
                        .doesNotContain("unknown field");
            }
        }
    }

    private EntityExchangeResult<String> send(Operation operation, Request request) {
        StringBuilder template = new StringBuilder();
        Map<String, Object> variables = new HashMap<>();
        var matcher = VARIABLE.matcher(operation.path());
        int i = 0;
        while (matcher.find()) {
            String key = "p" + i++;
            variables.put(key, request.pathValues().getOrDefault(matcher.group(1), "x"));
            matcher.appendReplacement(template, "{" + key + "}");
        }
        matcher.appendTail(template);
        String separator = "?";
        for (Map.Entry<String, String> query : request.queryValues().entrySet()) {
            String key = "q" + i++;
            variables.put(key, query.getValue());
            template.append(separator)
                    .append(query.getKey())
                    .append("={")
                    .append(key)
                    .append("}");
            separator = "&";
        }
        Consumer<HttpHeaders> headers = h -> {
            if (request.token() != null) {
                h.setBearerAuth(request.token());
            }
        };
        RestTestClient.RequestBodySpec spec = client.method(
                        HttpMethod.valueOf(operation.method().toUpperCase(Locale.ROOT)))
                .uri(template.toString(), variables)
                .headers(headers);
        RestTestClient.RequestHeadersSpec<?> ready = request.body() == null
                ? spec
                : spec.contentType(request.contentType()).body(request.body());
        return ready.exchange().returnResult(String.class);
    }

    private Map<String, Long> rowCounts() throws SQLException {
        DataSource dataSource = context.getBeanProvider(DataSource.class).getIfAvailable();
        Map<String, Long> counts = new TreeMap<>();
        if (dataSource == null) {
            return counts; // a service without a database writes no rows
        }
        Environment environment = context.getEnvironment();
        String schemas = environment.getProperty("spring.flyway.schemas", "");
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            String schemaList = schemas.isBlank() ? connection.getSchema() : schemas;
            try (Statement statement = connection.createStatement();
                    ResultSet rows =
                            statement.executeQuery("select format('%I.%I', n.nspname, c.relname) from pg_class c"
                                    + " join pg_namespace n on n.oid = c.relnamespace"
                                    + " where c.relkind in ('r', 'p') and not c.relispartition"
                                    + " and n.nspname = any (string_to_array('" + schemaList.replace("'", "")
                                    + "', ','))")) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    String bare = table.substring(table.indexOf('.') + 1).replace("\"", "");
                    if (!bare.equals("flyway_schema_history")
                            && !tablesWrittenInBackground().contains(bare)) {
                        tables.add(table);
                    }
                }
            }
            if (tables.isEmpty()) {
                return counts;
            }
            StringBuilder query = new StringBuilder();
            for (String table : tables) {
                if (!query.isEmpty()) {
                    query.append(" union all ");
                }
                query.append("select '")
                        .append(table)
                        .append("', count(*) from ")
                        .append(table);
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(query.toString())) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    private static String abbreviate(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "…" : body;
    }
}
