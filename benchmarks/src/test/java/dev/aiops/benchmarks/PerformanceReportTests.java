package dev.aiops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void shouldStampTheWrittenSectionWithTheMachinesLoad(@TempDir Path root) throws Exception {
        Path file = PerformanceReport.writeSection(root, "chat", "| p99 | 12 |\n");

        String written = Files.readString(file);
        assertThat(written).startsWith("# Performance").contains("<!-- bench:chat -->\n| p99 | 12 |\n\n_Written ");
        assertThat(written)
                .containsPattern(
                        "on \\d+ CPUs; load average \\(1, 5, 15 min\\) then: [0-9.]+ [0-9.]+ [0-9.]+\\._\n<!-- /bench:chat -->");
    }
}
