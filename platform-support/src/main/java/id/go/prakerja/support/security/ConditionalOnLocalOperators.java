package id.go.prakerja.support.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The password login for operators exists only under the {@code local} profile (a developer's
 * {@code run-local} stack) and the {@code test} profile of the test suites, and only when
 * {@code prakerja.security.local-operators} lists accounts. Anywhere else, the {@code compose}
 * stack included, the bean is absent, so its path answers 404 rather than a refusal that
 * invites guessing; operators there bring tokens from an OIDC provider
 * ({@code prakerja.security.operator-oidc.*}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnLocalOperators.OnLocalOperators.class)
public @interface ConditionalOnLocalOperators {

    /** Profiles that may carry a password login: never {@code compose} or any deployed one. */
    Set<String> LOCAL_PROFILES = Set.of("local", "test");

    final class OnLocalOperators extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String[] active = context.getEnvironment().getActiveProfiles();
            if (Arrays.stream(active).noneMatch(LOCAL_PROFILES::contains)) {
                return ConditionOutcome.noMatch("no local profile active (" + String.join(",", active) + ")");
            }
            // bound as the properties are, so a list given by environment variables counts too
            List<SecurityProperties.LocalOperator> operators = Binder.get(context.getEnvironment())
                    .bind("prakerja.security.local-operators", Bindable.listOf(SecurityProperties.LocalOperator.class))
                    .orElse(List.of());
            return operators.isEmpty()
                    ? ConditionOutcome.noMatch("prakerja.security.local-operators is empty")
                    : ConditionOutcome.match(operators.size() + " local operator account(s)");
        }
    }
}
