package dev.aiops.platform.config;

import dev.aiops.model.paging.PageQuery;
import dev.aiops.platform.web.PageQueryArgumentResolver;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents a {@link PageQuery} controller parameter as the two query parameters
 * {@link PageQueryArgumentResolver} actually reads, {@code page} and {@code page_size} with their bounds,
 * instead of the single object-typed query parameter named after the Java argument that springdoc infers.
 */
final class PageQueryParameters implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (!PageQuery.class.equals(parameter.getParameterType())) {
                continue;
            }
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            String javaName = parameter.getParameterName();
            if (operation.getParameters() != null) {
                operation
                        .getParameters()
                        .removeIf(p -> "query".equals(p.getIn())
                                && (p.getName().equals(javaName)
                                        || p.getSchema() != null
                                                && p.getSchema().get$ref() != null
                                                && p.getSchema().get$ref().endsWith("/PageQuery")));
            }
            operation.addParametersItem(query(
                    PageQueryArgumentResolver.PAGE,
                    "Page number, from 1",
                    1,
                    Integer.MAX_VALUE / PageQueryArgumentResolver.MAX_PAGE_SIZE));
            operation.addParametersItem(query(
                    PageQueryArgumentResolver.PAGE_SIZE,
                    "Items per page",
                    PageQuery.DEFAULT_PAGE_SIZE,
                    PageQueryArgumentResolver.MAX_PAGE_SIZE));
        }
        return operation;
    }

    private static Parameter query(String name, String description, int defaultValue, int maximum) {
        IntegerSchema schema = new IntegerSchema();
        schema.setMinimum(BigDecimal.ONE);
        schema.setMaximum(BigDecimal.valueOf(maximum));
        schema.setDefault(defaultValue);
        return new Parameter()
                .in("query")
                .name(name)
                .description(description)
                .required(false)
                .schema(schema);
    }
}
