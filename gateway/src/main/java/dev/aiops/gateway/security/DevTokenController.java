package dev.aiops.gateway.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiops.platform.security.DevTokenIssuer;
import dev.aiops.platform.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Dev sign-in: anyone may mint a token for any user and roles, which is exactly why it exists only with
 * {@code aiops.security.dev-mode=true}. The token is signed with the shared dev secret, so every service
 * accepts it too.
 */
@RestController
@ConditionalOnProperty(prefix = "aiops.security", name = "dev-mode", havingValue = "true")
class DevTokenController {

    private final DevTokenIssuer issuer;

    DevTokenController(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Operation(summary = "Issue a dev token (dev mode only)")
    @SecurityRequirements
    @PostMapping("/auth/dev-token")
    Mono<DevTokenResponse> issue(@Valid @RequestBody Mono<DevTokenRequest> request) {
        return request.map(body -> {
            List<String> roles = body.roles() == null || body.roles().isEmpty() ? List.of(Roles.VIEWER) : body.roles();
            DevTokenIssuer.IssuedToken token = issuer.issue(body.user(), new LinkedHashSet<>(roles));
            return new DevTokenResponse(token.accessToken(), "Bearer", token.expiresIn(), token.expiresAt());
        });
    }

    /** {@code roles} defaults to [viewer]; {@code service} is not on offer: it is for services only. */
    record DevTokenRequest(
            @NotNull @Pattern(regexp = "^[a-zA-Z0-9._@-]{1,64}$", message = "must be 1-64 of letters, digits and ._@-")
            String user,

            @Size(max = 3)
            List<
                            @NotNull
                            @Pattern(
                                    regexp = "viewer|operator|admin",
                                    message = "must be one of viewer, operator, admin")
                            String>
                    roles) {}

    /** OAuth 2 token response field names. */
    record DevTokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("expires_at") Instant expiresAt) {}
}
