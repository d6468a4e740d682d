package dev.aiops.platform.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aiops.model.cluster.ClusterCreateRequest;
import dev.aiops.model.cluster.ClusterEndpoints;
import dev.aiops.model.cluster.CredentialsRequest;
import dev.aiops.model.cluster.Platform;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RequestValidationTests {

    static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
    final RequestValidation validation = new RequestValidation(factory.getValidator());

    @AfterAll
    static void close() {
        factory.close();
    }

    static ClusterCreateRequest cluster(String name, Map<String, String> labels, ClusterEndpoints endpoints) {
        return new ClusterCreateRequest(
                name,
                null,
                "https://api.edge-1.example.com:6443",
                null,
                Platform.KUBERNETES,
                null,
                null,
                null,
                endpoints,
                labels,
                null);
    }

    @Test
    void shouldAcceptAValidRequest() {
        assertThatCode(() -> validation.check(cluster("edge-1", Map.of("site", "lab"), null)))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldNameNestedFieldsInSnakeCase() {
        ApiException e = catchThrowableOfType(
                ApiException.class,
                () -> validation.check(cluster("edge-1", Map.of(), new ClusterEndpoints("ftp://x", null, null, null))));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("endpoints.prometheus_url");
        assertThat(e.getMessage()).startsWith("endpoints.prometheus_url: ");
    }

    @Test
    void shouldKeepMapKeysVerbatimWhenAValueIsInvalid() {
        ApiException e = catchThrowableOfType(
                ApiException.class,
                () -> validation.check(cluster("edge-1", Map.of("topologyZone/A", "x".repeat(64)), null)));

        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("labels.topologyZone/A");
    }

    @Test
    void shouldNameTheEntryWhenAKeyIsInvalid() {
        String longKey = "k".repeat(318);
        ApiException e = catchThrowableOfType(
                ApiException.class, () -> validation.check(cluster("edge-1", Map.of(longKey, "v"), null)));

        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("labels." + longKey);
    }

    @Test
    void shouldNameTheMapWhenAKeyIsEmpty() {
        ApiException e = catchThrowableOfType(
                ApiException.class, () -> validation.check(cluster("edge-1", Map.of("", "v"), null)));

        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("labels");
    }

    @Test
    void shouldNameClassLevelConstraintsOfNestedRecords() {
        CredentialsRequest credentials =
                new CredentialsRequest(dev.aiops.model.cluster.AuthType.SERVICE_ACCOUNT, null, null, null, null);
        ClusterCreateRequest request = new ClusterCreateRequest(
                "edge-1",
                null,
                "https://api.edge-1.example.com:6443",
                null,
                Platform.KUBERNETES,
                null,
                null,
                null,
                null,
                null,
                credentials);

        ApiException e = catchThrowableOfType(ApiException.class, () -> validation.check(request));

        assertThat(e.violations())
                .extracting(FieldViolation::field)
                .containsExactly("credentials.secret_present_for_auth_type");
    }

    @Test
    void shouldAnswerTheFieldsOwnCodeNamingItWhenThatFieldIsInvalid() {
        ApiException e = catchThrowableOfType(
                ApiException.class,
                () -> validation.check(
                        cluster("Bad_Name", Map.of("site", "x".repeat(64)), null),
                        Map.of("name", ErrorCode.INVALID_CLUSTER_NAME)));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CLUSTER_NAME);
        assertThat(e.getMessage()).startsWith("name: must be 3-63");
        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("labels.site", "name");
    }

    @Test
    void shouldAnswerValidationFailedWhenTheCodedFieldIsFine() {
        ApiException e = catchThrowableOfType(
                ApiException.class,
                () -> validation.check(
                        cluster("edge-1", Map.of("site", "x".repeat(64)), null),
                        Map.of("name", ErrorCode.INVALID_CLUSTER_NAME)));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }
}
