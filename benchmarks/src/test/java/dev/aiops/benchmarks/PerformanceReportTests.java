package dev.aiops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PerformanceReportTests {

    @Test
    void shouldAppendSectionWhenTheDocumentHasNone() {
        String doc = PerformanceReport.replaceSection("# Performance\n", "nab", "## NAB\n\nscore 80\n");

        assertThat(doc).isEqualTo("# Performance\n\n<!-- bench:nab -->\n## NAB\n\nscore 80\n<!-- /bench:nab -->\n");
    }

    @Test
    void shouldReplaceOnlyItsOwnSection() {
        String doc = "# P\n\n<!-- bench:a -->\nold a\n<!-- /bench:a -->\n\n<!-- bench:b -->\nb\n<!-- /bench:b -->\n";

        String updated = PerformanceReport.replaceSection(doc, "a", "new a");

        assertThat(updated)
                .isEqualTo(
                        "# P\n\n<!-- bench:a -->\nnew a\n<!-- /bench:a -->\n\n<!-- bench:b -->\nb\n<!-- /bench:b -->\n");
    }
}
