package id.go.prakerja.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A date or instant the platform can work with: within the years 0001 to 9999 (UTC for an instant),
 * the dates ISO 8601 writes with four digits. Java's date types reach a billion years either way, far
 * past what the database stores (PostgreSQL's timestamps end in 294276) or what a period computed from
 * the value may add to it; such a value in a request is refused as invalid (400, field code
 * {@code DateInRange}) instead of failing wherever it is first used. Null is valid.
 */
@Documented
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DateInRange.Validator.class)
public @interface DateInRange {

    String message() default "must be a date between 0001-01-01 and 9999-12-31";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DateInRange, Temporal> {

        private static final LocalDate FIRST = LocalDate.of(1, 1, 1);
        private static final LocalDate LAST = LocalDate.of(9999, 12, 31);
        private static final Instant FIRST_INSTANT = FIRST.atStartOfDay(ZoneOffset.UTC).toInstant();
        private static final Instant AFTER_LAST_INSTANT = LAST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

        @Override
        public boolean isValid(Temporal value, ConstraintValidatorContext context) {
            return switch (value) {
                case null -> true;
                case LocalDate d -> within(d);
                case LocalDateTime t -> within(t.toLocalDate());
                // an instant's own range is wider than a date-time's: compared as instants, never converted
                case Instant i -> within(i);
                case OffsetDateTime t -> within(t.toInstant());
                case ZonedDateTime t -> within(t.toInstant());
                default -> throw new IllegalArgumentException("@DateInRange on a " + value.getClass().getName());
            };
        }

        private static boolean within(LocalDate date) {
            return !date.isBefore(FIRST) && !date.isAfter(LAST);
        }

        private static boolean within(Instant instant) {
            return !instant.isBefore(FIRST_INSTANT) && instant.isBefore(AFTER_LAST_INSTANT);
        }
    }
}
