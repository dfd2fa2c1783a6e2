package id.go.prakerja.support.security;

import java.util.List;

/**
 * The roles a token carries (its {@code roles} claim). Participants and partners are one role
 * each; operators hold one or more of three: {@link #OPERATOR} reads and takes ordinary actions,
 * {@link #PAYOUT_MAKER} asks for a change that moves money, {@link #PAYOUT_CHECKER} approves
 * another operator's request (four eyes: never their own).
 */
public final class Roles {

    public static final String PARTICIPANT = "PARTICIPANT";
    /** Read everything of the programme, take ordinary actions that move no money. */
    public static final String OPERATOR = "OPERATOR";
    /** Ask for a change that moves money: approve a payout run's preview, raise a budget, retry or release a tranche. */
    public static final String PAYOUT_MAKER = "PAYOUT_MAKER";
    /** Approve (or reject) a change another operator asked for. */
    public static final String PAYOUT_CHECKER = "PAYOUT_CHECKER";
    public static final String PARTNER = "PARTNER";

    /** Any of these opens {@code /admin/**}. */
    public static final List<String> OPERATORS = List.of(OPERATOR, PAYOUT_MAKER, PAYOUT_CHECKER);

    private Roles() {
    }
}
