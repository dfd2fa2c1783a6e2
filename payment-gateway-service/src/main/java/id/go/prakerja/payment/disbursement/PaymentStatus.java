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
 *    │  └──not sent─────┘  ├──4xx refusal──▶ FAILED ──operator retry──▶ RECEIVED
 *    │                     │                        └─requested again after an account change─▶ RECEIVED
 *    │                     └──timeout/5xx/unreadable/duplicate──▶ UNKNOWN ──inquiry──▶ SUCCEEDED | FAILED | PENDING_AT_PARTNER
 *    └──────────────── inquiry says "not found": send again, same reference ◀──┘
 * </pre>
 *
 * FAILED goes back to RECEIVED under a new partner reference ({@link PaymentReferences}, attempt
 * n+1) in two ways only: an operator's retry, or a new request for the same tranche after a
 * failure for an account reason ({@link RepeatedRequests}).
 */
public enum PaymentStatus {
    RECEIVED,
    SENDING,
    PENDING_AT_PARTNER,
    SUCCEEDED,
    FAILED,
    UNKNOWN;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }

    public boolean canMoveTo(PaymentStatus next) {
        return allowed().contains(next);
    }

    private Set<PaymentStatus> allowed() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(SENDING);
            case SENDING -> EnumSet.of(RECEIVED, PENDING_AT_PARTNER, SUCCEEDED, FAILED, UNKNOWN);
            case PENDING_AT_PARTNER -> EnumSet.of(SUCCEEDED, FAILED, UNKNOWN, RECEIVED);
            case UNKNOWN -> EnumSet.of(SUCCEEDED, FAILED, PENDING_AT_PARTNER, RECEIVED);
            case FAILED -> EnumSet.of(RECEIVED);
            case SUCCEEDED -> EnumSet.noneOf(PaymentStatus.class);
        };
    }
}
