package dev.aiops.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI schemas of types as Jackson 3 reads and writes them; springdoc introspects models with Jackson 2,
 * which does not see Jackson 3's annotations or types.
 *
 * <ul>
 *   <li>Properties of snake_case records are named as clients send them: without this,
 *       {@code ClusterCreateRequest} was documented with {@code apiServerUrl}, a name the service refuses as an
 *       unknown field. Only types that declare snake_case are renamed (standard dialects keep their names), and
 *       explicitly named properties ({@code @JsonProperty}) keep theirs, as Jackson does.
 *   <li>Jackson 3's {@code JsonNode} is any JSON value, not a bean of {@code array}, {@code empty},
 *       {@code nodeType}... flags.
 *   <li>A {@code Duration} is an ISO-8601 duration string.
 * </ul>
 */
final class Jackson3SchemaConverter implements ModelConverter {

    private static final String REF_PREFIX = "#/components/schemas/";

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Class<?> raw = com.fasterxml.jackson.databind.type.TypeFactory.rawClass(type.getType());
        if (raw != null && JsonNode.class.isAssignableFrom(raw)) {
            // Jackson 3's tree: any JSON value (an object for ObjectNode), not a bean of isArray/isEmpty flags
            Schema any = ObjectNode.class.isAssignableFrom(raw) ? new ObjectSchema() : new Schema<>();
            return any.description("any JSON value");
        }
        if (raw == Duration.class) {
            // Jackson reads ISO-8601 durations; "a string" alone let clients send "5m" and get a 400
            return new StringSchema().format("duration").example("PT5M");
        }
        if (!chain.hasNext()) {
            return null;
        }
        Schema schema = chain.next().resolve(type, context, chain);
        if (schema == null || raw == null || !isSnakeCase(raw)) {
            return schema;
        }
        Schema model = schema;
        if (schema.get$ref() != null && schema.get$ref().startsWith(REF_PREFIX)) {
            model = context.getDefinedModels().get(schema.get$ref().substring(REF_PREFIX.length()));
        }
        if (model != null && model.getProperties() != null) {
            Set<String> explicit = explicitNames(raw);
            Map<String, Schema> renamed = new LinkedHashMap<>();
            ((Map<String, Schema>) model.getProperties())
                    .forEach((name, property) -> renamed.put(explicit.contains(name) ? name : snake(name), property));
            model.setProperties(renamed);
            if (model.getRequired() != null) {
                List<String> required = new ArrayList<>();
                for (Object name : model.getRequired()) {
                    required.add(explicit.contains(name) ? (String) name : snake((String) name));
                }
                model.setRequired(required);
            }
        }
        return schema;
    }

    private static boolean isSnakeCase(Class<?> type) {
        JsonNaming naming = type.getAnnotation(JsonNaming.class);
        return naming != null && naming.value() == PropertyNamingStrategies.SnakeCaseStrategy.class;
    }

    private static Set<String> explicitNames(Class<?> type) {
        Set<String> names = new HashSet<>();
        List<AnnotatedElement> members = new ArrayList<>(List.of(type.getDeclaredFields()));
        if (type.isRecord()) {
            for (var component : type.getRecordComponents()) {
                members.add(component);
                members.add(component.getAccessor());
            }
        }
        for (AnnotatedElement member : members) {
            JsonProperty property = member.getAnnotation(JsonProperty.class);
            if (property != null && !property.value().isEmpty()) {
                names.add(property.value());
            }
        }
        return names;
    }

    private static String snake(String name) {
        return PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, name);
    }
}
