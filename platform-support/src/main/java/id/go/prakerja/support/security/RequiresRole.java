package id.go.prakerja.support.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint (or every endpoint of a controller) that only a caller holding one of these roles
 * may use, beyond the operator role every {@code /admin/**} path asks for. A caller without one
 * gets 403 problem+json with code {@code ROLE_REQUIRED} before the handler runs (see
 * {@link OperatorIdentity}); the refusal is audited like any other state-changing admin call.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresRole {

    /** Any one of these ({@link Roles}) is enough. */
    String[] value();
}
