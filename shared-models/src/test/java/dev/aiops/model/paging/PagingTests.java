package dev.aiops.model.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagingTests {

    @Nested
    class Query {

        @Test
        void shouldDefaultToFirstPageOfTwentyWhenNothingIsGiven() {
            PageQuery query = new PageQuery(null, null);

            assertThat(query.page()).isEqualTo(1);
            assertThat(query.pageSize()).isEqualTo(20);
            assertThat(query.offset()).isZero();
        }

        @ParameterizedTest(name = "page {0} of size {1} starts at {2}")
        @CsvSource({"1, 20, 0", "2, 20, 20", "3, 7, 14", "100000, 100, 9999900"})
        void shouldSkipEarlierPagesWhenOffsetIsComputed(int page, int pageSize, long offset) {
            assertThat(PageQuery.of(page, pageSize).offset()).isEqualTo(offset);
        }
    }

    @Nested
    class Response {

        @ParameterizedTest(name = "{0} items by {1} → {2} pages")
        @CsvSource({"0, 20, 0", "1, 20, 1", "20, 20, 1", "21, 20, 2", "41, 20, 3", "100, 7, 15", "5, 1, 5"})
        void shouldRoundUpWhenTotalPagesIsComputed(long total, int pageSize, int totalPages) {
            PagedResponse<String> page = PagedResponse.of(List.of(), total, PageQuery.of(1, pageSize));

            assertThat(page.totalPages()).isEqualTo(totalPages);
            assertThat(page.total()).isEqualTo(total);
            assertThat(page.pageSize()).isEqualTo(pageSize);
        }

        @Test
        void shouldKeepPagingWhenItemsAreMapped() {
            PagedResponse<Integer> page = PagedResponse.of(List.of(1, 2), 42, PageQuery.of(2, 2));

            PagedResponse<String> mapped = page.map(i -> "#" + i);

            assertThat(mapped.items()).containsExactly("#1", "#2");
            assertThat(mapped)
                    .usingRecursiveComparison()
                    .ignoringFields("items")
                    .isEqualTo(page);
        }

        @Test
        void shouldHoldEmptyListWhenItemsAreNull() {
            assertThat(new PagedResponse<String>(null, 0, 1, 20, 0).items()).isEmpty();
        }
    }
}
