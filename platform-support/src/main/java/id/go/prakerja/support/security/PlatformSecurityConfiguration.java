package id.go.prakerja.support.security;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import id.go.prakerja.support.audit.AuditController;
import id.go.prakerja.support.audit.AuditFilter;
import id.go.prakerja.support.audit.AuditTrail;
import id.go.prakerja.support.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * One security model for every service:
 * <ul>
 * <li>{@code /api/**}: a participant (or operator) JWT; paths listed in
 * {@code prakerja.security.public-paths} (e.g. {@code "POST /api/v1/participants"}) are open;</li>
 * <li>{@code /admin/**} and non-health actuator endpoints: an operator role ({@link Roles#OPERATORS});
 * an endpoint that moves money asks for a particular one ({@link RequiresRole});</li>
 * <li>{@code /partner/**}: a signed webhook ({@link PartnerSignatureFilter});</li>
 * <li>health, OpenAPI and Swagger UI are open; everything else is denied.</li>
 * </ul>
 * Every state-changing {@code /admin/**} call by an authenticated caller lands in the service's
 * append-only audit trail ({@link AuditFilter}, {@link AuditTrail}), refused ones included.
 */
@AutoConfiguration
@EnableConfigurationProperties(SecurityProperties.class)
public class PlatformSecurityConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ProblemResponses problemResponses(MessageSource messages) {
        return new ProblemResponses(messages);
    }

    @Bean
    PartnerSignatureFilter partnerSignatureFilter(SecurityProperties properties, JdbcTemplate jdbc,
            ProblemResponses problems, Clock clock) {
        return new PartnerSignatureFilter(properties, jdbc, problems, clock);
    }

    @Bean
    @ConditionalOnProperty("prakerja.security.jwt.private-key")
    TokenIssuer tokenIssuer(SecurityProperties properties, Clock clock) {
        return new TokenIssuer(properties.jwt(), clock);
    }

    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc, Clock clock, ObjectProvider<Outbox> outbox,
            ObjectProvider<TransactionTemplate> transactions, @Value("${spring.application.name:service}") String service) {
        return new AuditTrail(jdbc, clock, outbox.getIfAvailable(), transactions.getIfAvailable(), service);
    }

    @Bean
    AuditController auditController(AuditTrail trail) {
        return new AuditController(trail);
    }

    /** {@link RequiresRole} on handlers. */
    @Bean
    WebMvcConfigurer requiredRoles() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new OperatorIdentity.Interceptor());
            }
        };
    }

    @Bean
    SecurityFilterChain platformSecurity(HttpSecurity http, SecurityProperties properties,
            PartnerSignatureFilter partnerFilter, ProblemResponses problems, AuditTrail audit,
            ObjectProvider<MeterRegistry> meters) throws Exception {
        var issuers = new JwtIssuerAuthenticationManagerResolver(new TokenVerification(properties));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .oauth2ResourceServer(o -> o.authenticationManagerResolver(issuers)
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .addFilterBefore(partnerFilter, BasicAuthenticationFilter.class)
                // after authentication, around the authorization decision: refusals are audited too
                .addFilterBefore(new AuditFilter(audit, meters.getIfAvailable(SimpleMeterRegistry::new)),
                        ExceptionTranslationFilter.class)
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                            "/swagger-ui/**", "/error").permitAll();
                    for (String path : properties.publicPaths()) {
                        permit(auth, path);
                    }
                    // partners with their own signature scheme: the service's endpoint verifies them
                    for (String prefix : properties.webhook().ownSchemePaths()) {
                        auth.requestMatchers((prefix.endsWith("/") ? prefix : prefix + "/") + "**").permitAll();
                    }
                    String[] operators = Roles.OPERATORS.toArray(String[]::new);
                    String[] apiCallers = java.util.stream.Stream.concat(java.util.stream.Stream.of(Roles.PARTICIPANT),
                            Roles.OPERATORS.stream()).toArray(String[]::new);
                    auth.requestMatchers("/admin/**", "/actuator/**").hasAnyRole(operators)
                            .requestMatchers("/partner/**").hasRole(Roles.PARTNER)
                            .requestMatchers("/api/**").hasAnyRole(apiCallers)
                            .anyRequest().denyAll();
                });
        return http.build();
    }

    private static void permit(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth,
            String declaration) {
        PublicPath open = PublicPath.parse(declaration);
        if (open.method() != null) {
            auth.requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(open.method(), open.pattern())).permitAll();
        } else {
            auth.requestMatchers(open.pattern()).permitAll();
        }
    }
}
