package dev.aiops.platform.web;

import dev.aiops.model.error.FieldViolation;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Binds a {@link PageQuery} controller parameter from {@code page} (from 1) and {@code page_size}
 * (1-100, default 20), so every list endpoint pages alike and a bad value is reported under the name the
 * client sent ({@code page_size}, not the Java property).
 */
public class PageQueryArgumentResolver implements HandlerMethodArgumentResolver {

    public static final String PAGE = "page";
    public static final String PAGE_SIZE = "page_size";
    public static final int MAX_PAGE_SIZE = 100;
    // keeps the row offset within an int, which is what JPA takes
    static final int MAX_PAGE = Integer.MAX_VALUE / MAX_PAGE_SIZE;

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return PageQuery.class.equals(parameter.getParameterType());
    }

    @Override
    public PageQuery resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        List<FieldViolation> violations = new ArrayList<>();
        int page = parse(request.getParameter(PAGE), PAGE, 1, MAX_PAGE, 1, violations);
        int pageSize = parse(
                request.getParameter(PAGE_SIZE), PAGE_SIZE, 1, MAX_PAGE_SIZE, PageQuery.DEFAULT_PAGE_SIZE, violations);
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        return PageQuery.of(page, pageSize);
    }

    private static int parse(
            String raw, String name, int min, int max, int defaultValue, List<FieldViolation> violations) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new FieldViolation(name, "must be an integer between " + min + " and " + max));
        return defaultValue;
    }
}
