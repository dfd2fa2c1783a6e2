package id.go.prakerja.events.incentive;

import java.util.regex.Pattern;

import id.go.prakerja.events.Require;

/**
 * The kind of an integrity signal travels as a name, not an enum constant, so that a consumer of
 * this version reads a kind added later (a shared phone, e-mail or face from verification) instead
 * of refusing the event: upper-case letters, digits and underscores, at most 30 characters.
 */
public final class IntegritySignalKinds {

    /** A payout account linked by more than one participant. */
    public static final String SHARED_PAYOUT_ACCOUNT = "SHARED_PAYOUT_ACCOUNT";

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,29}");

    private IntegritySignalKinds() {
    }

    public static String require(String kind) {
        Require.that(kind != null && NAME.matcher(kind).matches(), "kind must be an upper-case name of at most 30 characters");
        return kind;
    }
}
