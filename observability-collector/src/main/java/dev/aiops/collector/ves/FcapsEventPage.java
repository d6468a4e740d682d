package dev.aiops.collector.ves;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One page of the FCAPS event store: the platform's paging shape ({@code items, total, page, page_size,
 * total_pages}) with a bounded count and a keyset cursor. An exact count over a filter that matches
 * hundreds of thousands of events costs more than the page itself, so it stops at a bound and says so.
 *
 * @param total matching events, counted up to the bound; exact only when {@code total_exact}
 * @param totalExact false when more events than {@code total} match (total is then a lower bound)
 * @param totalPages pages of {@code total}; with an inexact total, more pages may follow
 * @param nextCursor pass as {@code cursor} to read the page after this one (stable while events arrive);
 *     null on the last page
 */
@JsonNaming(SnakeCaseStrategy.class)
public record FcapsEventPage(
        List<FcapsEventView> items,

        @Schema(
                description = "Matching events, counted up to a bound (aiops.collector.ves.count-limit); exact"
                        + " only when total_exact is true, otherwise a lower bound")
        long total,

        @Schema(description = "False when more events match than total says (the count stopped at its bound)")
        boolean totalExact,

        int page,
        int pageSize,

        @Schema(description = "Pages of total; with an inexact total more pages may follow")
        int totalPages,

        @Schema(
                description = "Opaque keyset cursor of the next page (pass as cursor); null on the last page",
                nullable = true)
        String nextCursor) {

    public FcapsEventPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
