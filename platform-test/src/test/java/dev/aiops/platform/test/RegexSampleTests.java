package dev.aiops.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegexSampleTests {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", // cluster name
                "^[a-z][a-z0-9-]{2,30}[a-z0-9]$", // persona id
                "^(High|Medium|Normal|Low)$",
                "^\\d+(\\.\\d+)?[smh]$",
                "^(?:[a-z]+\\.)*[a-z]+$",
                "[^/]+",
                "^v\\d+\\.\\d+\\.\\d+$"
            })
    void shouldProduceAStringThePatternAccepts(String pattern) {
        assertThat(RegexSample.of(pattern, 0))
                .hasValueSatisfying(sample -> assertThat(
                                Pattern.compile(pattern).matcher(sample).find())
                        .as(sample)
                        .isTrue());
    }

    @ParameterizedTest(name = "{0} at least {1}")
    @CsvSource({"'^[a-z0-9-]+$', 5", "'^[a-z][a-z0-9]*$', 8"})
    void shouldHonourAMinimumLength(String pattern, int minLength) {
        assertThat(RegexSample.of(pattern, minLength))
                .hasValueSatisfying(sample -> assertThat(sample)
                        .hasSizeGreaterThanOrEqualTo(minLength)
                        .matches(pattern));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"^(?=.*[A-Z]).+$", "\\p{Lu}+"})
    void shouldGiveUpOnWhatItCannotRead(String pattern) {
        assertThat(RegexSample.of(pattern, 0)).isEmpty();
    }
}
