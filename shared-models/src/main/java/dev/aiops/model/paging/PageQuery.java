package dev.aiops.model.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Paging parameters: {@code page} from 1, {@code page_size} 1-100 (default 20). Bound from the query
 * string, where the parameter names are {@code page} and {@code page_size}.
 */
public record PageQuery(
        @Min(1) Integer page, @Min(1) @Max(100) Integer pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 20;

    public PageQuery {
        page = page == null ? 1 : page;
        pageSize = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
    }

    public static PageQuery of(int page, int pageSize) {
        return new PageQuery(page, pageSize);
    }

    /** Zero-based offset of the first item of this page. */
    public long offset() {
        return (long) (page - 1) * pageSize;
    }
}
