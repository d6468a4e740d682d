package dev.aiops.platform.web;

import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import java.util.function.Function;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/** Between the platform's {@link PageQuery}/{@link PagedResponse} and Spring Data's paging. */
public final class Pages {

    private Pages() {}

    public static Pageable pageable(PageQuery query, Sort sort) {
        return PageRequest.of(query.page() - 1, query.pageSize(), sort);
    }

    public static <E, V> PagedResponse<V> response(Page<E> page, PageQuery query, Function<? super E, V> mapper) {
        return PagedResponse.of(page.map(mapper).getContent(), page.getTotalElements(), query);
    }
}
