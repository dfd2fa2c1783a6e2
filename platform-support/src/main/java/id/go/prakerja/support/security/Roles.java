package id.go.prakerja.support.security;

/** The three kinds of caller the platform knows. */
public final class Roles {

    public static final String PARTICIPANT = "PARTICIPANT";
    public static final String OPERATOR = "OPERATOR";
    public static final String PARTNER = "PARTNER";

    private Roles() {
    }
}
