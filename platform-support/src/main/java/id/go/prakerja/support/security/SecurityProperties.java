package id.go.prakerja.support.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Keys and trust settings. Outside the local and test profiles nothing has a default:
 * a service without its public key does not start.
 */
@Validated
@ConfigurationProperties("prakerja.security")
public record SecurityProperties(
        @Valid @NotNull Jwt jwt,
        OperatorOidc operatorOidc,
        @DefaultValue Map<String, Partner> partners,
        @Valid @NotNull Webhook webhook,
        @DefaultValue List<String> publicPaths,
        @DefaultValue List<LocalOperator> localOperators) {

    /**
     * Tokens this platform issues (participants; operators in the local profile). Each carries
     * {@code audience} and is accepted only with it, so a token this issuer signs for another
     * purpose or audience does not open the API.
     *
     * @param verifiedTokensKept    how many verified tokens (of either issuer) a service remembers, so a client's
     *                              next request skips the signature check; 0 checks every request
     * @param verifiedTokensKeptFor how long at most a verified token is remembered (never past its expiry)
     */
    public record Jwt(@NotBlank String issuer,
            @NotNull(message = "set prakerja.security.jwt.public-key (a PEM location); there is no default outside the local profile") Resource publicKey,
            Resource privateKey,
            @DefaultValue("1h") Duration accessTokenTtl,
            @NotBlank @DefaultValue("prakerja-api") String audience,
            @DefaultValue("10000") long verifiedTokensKept,
            @DefaultValue("1m") Duration verifiedTokensKeptFor) {
    }

    /**
     * The organisation's OIDC provider whose tokens carry the operator role in production. The
     * provider signs tokens for every application of the organisation; only those whose
     * {@code aud} names this platform ({@code audience}) are accepted, so {@code audience} is
     * required as soon as {@code issuer-uri} is set.
     */
    public record OperatorOidc(String issuerUri, @DefaultValue("roles") String rolesClaim, String audience) {
        public OperatorOidc {
            if (issuerUri != null && !issuerUri.isBlank() && (audience == null || audience.isBlank())) {
                throw new IllegalArgumentException("set prakerja.security.operator-oidc.audience: without it any token of "
                        + issuerUri + " carrying the operator role would be accepted");
            }
        }

        boolean configured() {
            return issuerUri != null && !issuerUri.isBlank();
        }
    }

    public record Partner(@NotBlank String secret) {
    }

    /**
     * @param timestampWindow how far X-TIMESTAMP may be from now, either way
     * @param inProgressLease how long a signed request counts as running before a copy of it may take
     *                        over (its replica is presumed dead); longer than any webhook handler runs
     * @param ownSchemePaths  path prefixes under {@code /partner/} whose partners sign with their own
     *                        scheme (SNAP payment callbacks): this filter leaves them alone and the
     *                        service's own endpoint verifies them
     */
    public record Webhook(@DefaultValue("5m") Duration timestampWindow, @DefaultValue("2m") Duration inProgressLease,
            @DefaultValue List<String> ownSchemePaths) {

        /** Whether a request path is verified by the service itself rather than by the shared filter. */
        public boolean verifiedByService(String path) {
            return ownSchemePaths.stream().anyMatch(prefix -> path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"));
        }
    }

    /**
     * Operator accounts for the password login of the local stack; that login exists only under
     * the local and test profiles (not compose) and only when accounts are listed
     * ({@link ConditionalOnLocalOperators}).
     *
     * @param roles the roles the account's tokens carry ({@link Roles}); {@code OPERATOR} unless listed
     */
    public record LocalOperator(@NotBlank String username, @NotBlank String password,
            @DefaultValue(Roles.OPERATOR) List<String> roles) {

        public LocalOperator {
            roles = roles == null || roles.isEmpty() ? List.of(Roles.OPERATOR) : List.copyOf(roles);
            for (String role : roles) {
                if (!Roles.OPERATORS.contains(role)) {
                    throw new IllegalArgumentException("local operator " + username + ": role " + role
                            + " is not one of " + Roles.OPERATORS);
                }
            }
        }
    }
}
