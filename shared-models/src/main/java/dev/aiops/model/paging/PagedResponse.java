package dev.aiops.model.paging;

import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** One page of a list: {@code {items, total, page, page_size, total_pages}}. */
@JsonNaming(SnakeCaseStrategy.class)
public record PagedResponse<T>(List<T> items, long total, int page, int pageSize, int totalPages) {

    public PagedResponse {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static <T> PagedResponse<T> of(List<T> items, long total, PageQuery query) {
        int totalPages = total == 0 ? 0 : (int) ((total + query.pageSize() - 1) / query.pageSize());
        return new PagedResponse<>(items, total, query.page(), query.pageSize(), totalPages);
    }

    public <R> PagedResponse<R> map(Function<? super T, ? extends R> mapper) {
        return new PagedResponse<>(items.stream().<R>map(mapper).toList(), total, page, pageSize, totalPages);
    }
}
