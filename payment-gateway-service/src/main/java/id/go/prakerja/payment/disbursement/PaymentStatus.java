package id.go.prakerja.payment.disbursement;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a payment stands. The allowed moves are explicit ({@link #canMoveTo}); every move is
 * recorded in {@code payment_transition} with its time, cause and the partner's raw code.
 *
 * <pre>
 * RECEIVED ──claim──▶ SENDING ──200──▶ SUCCEEDED
 *    ▲  ▲               │  ├──202──▶ PENDING_AT_PARTNER ──inquiry──▶ SUCCEEDED | FAILED
 *    │  └──not sent─────┘  ├──4xx refusal──▶ FAILED
 *    │                     │                        └─requested again by incentive-service─▶ RECEIVED
 *    │                     ├──4xx refusal after an ambiguous attempt──▶ IN_DOUBT ──every reference asked──▶ SUCCEEDED | FAILED
 *    │                     └──timeout/5xx/unreadable/duplicate──▶ UNKNOWN ──inquiry──▶ SUCCEEDED | FAILED | PENDING_AT_PARTNER
 *    └──────────────── inquiry says "not found": send again, same reference ◀──┘
 * </pre>
 *
 * FAILED goes back to RECEIVED under a new partner reference ({@link PaymentReferences}, attempt
 * n+1) in one way only: a new request for the same tranche from incentive-service, the one
 * authority that orders money to move ({@link RepeatedRequests}); the gateway never pays again on
 * its own. Once an attempt was ambiguous (timeout, 5xx, a sender that died mid-call) a refusal says
 * nothing about what an earlier transfer did: the payment is IN_DOUBT until a status inquiry of
 * every reference the instruction ever used shows none credited (or one credited).
 */
public enum PaymentStatus {
    RECEIVED,
    SENDING,
    PENDING_AT_PARTNER,
    SUCCEEDED,
    FAILED,
    UNKNOWN,
    /** Refused after an ambiguous attempt: waits until every earlier reference is shown uncredited. */
    IN_DOUBT;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }

    public boolean canMoveTo(PaymentStatus next) {
        return allowed().contains(next);
    }

    private Set<PaymentStatus> allowed() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(SENDING);
            case SENDING -> EnumSet.of(RECEIVED, PENDING_AT_PARTNER, SUCCEEDED, FAILED, UNKNOWN, IN_DOUBT);
            case PENDING_AT_PARTNER -> EnumSet.of(SUCCEEDED, FAILED, UNKNOWN, RECEIVED);
            case UNKNOWN -> EnumSet.of(SUCCEEDED, FAILED, PENDING_AT_PARTNER, RECEIVED);
            case IN_DOUBT -> EnumSet.of(SUCCEEDED, FAILED);
            case FAILED -> EnumSet.of(RECEIVED);
            case SUCCEEDED -> EnumSet.noneOf(PaymentStatus.class);
        };
    }
}
