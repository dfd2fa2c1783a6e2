package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.go.prakerja.payment.disbursement.RepeatedRequests.Incoming;
import id.go.prakerja.payment.disbursement.RepeatedRequests.Known;
import id.go.prakerja.payment.disbursement.RepeatedRequests.Verdict;
import id.go.prakerja.payment.partner.PartnerCodes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A request for an instruction id the gateway already holds: nothing new, a conflict, or (after a failure) pay again. */
class RepeatedRequestsTest {

    static final UUID PARTICIPANT = UUID.fromString("0b6a4b0e-3c1d-4a53-9d3e-2f1f0c7e5a11");
    static final UUID FIRST_EVENT = UUID.fromString("7d1c8f2a-0000-4000-8000-000000000001");
    static final String HASH = "hash-of-the-first-request";

    static Known failed(String reason) {
        return known(PaymentStatus.FAILED, reason);
    }

    static Known known(PaymentStatus status, String reason) {
        return new Known(PARTICIPANT, "POST_TRAINING", 1, 600_000, HASH, status, reason, Set.of(FIRST_EVENT));
    }

    static Incoming request(long amount, String hash) {
        return new Incoming(UUID.randomUUID(), PARTICIPANT, "POST_TRAINING", 1, amount, hash);
    }

    @Test
    void a_new_request_after_an_account_failure_pays_again_to_the_new_account() {
        for (String reason : new String[] {PartnerCodes.ACCOUNT_CLOSED, PartnerCodes.ACCOUNT_BLOCKED,
                PartnerCodes.ACCOUNT_NOT_FOUND, PartnerCodes.NAME_MISMATCH, PartnerCodes.LIMIT_EXCEEDED}) {
            assertThat(RepeatedRequests.judge(failed(reason), request(600_000, "hash-with-another-account")))
                    .as(reason).isEqualTo(Verdict.PAY_AGAIN);
            // the same account, unblocked or upgraded and linked again, is paid again too
            assertThat(RepeatedRequests.judge(failed(reason), request(600_000, HASH))).as(reason).isEqualTo(Verdict.PAY_AGAIN);
        }
    }

    @Test
    void another_amount_kind_sequence_or_participant_is_a_conflict_even_after_an_account_failure() {
        Known failed = failed(PartnerCodes.ACCOUNT_CLOSED);
        assertThat(RepeatedRequests.judge(failed, request(6_000_000, "other"))).isEqualTo(Verdict.CONFLICT);
        assertThat(RepeatedRequests.judge(failed, new Incoming(UUID.randomUUID(), PARTICIPANT, "SURVEY", 1, 600_000, "other")))
                .isEqualTo(Verdict.CONFLICT);
        assertThat(RepeatedRequests.judge(failed, new Incoming(UUID.randomUUID(), PARTICIPANT, "POST_TRAINING", 2, 600_000,
                "other"))).isEqualTo(Verdict.CONFLICT);
        assertThat(RepeatedRequests.judge(failed, new Incoming(UUID.randomUUID(), UUID.randomUUID(), "POST_TRAINING", 1,
                600_000, "other"))).isEqualTo(Verdict.CONFLICT);
    }

    @Test
    void a_new_request_after_a_failure_the_account_does_not_cure_pays_again_as_an_operator_retry_means() {
        // the incentive service sends one only when an operator sent the failed tranche back to the schedule
        assertThat(RepeatedRequests.judge(failed(PartnerCodes.PARTNER_REJECTED), request(600_000, HASH)))
                .isEqualTo(Verdict.PAY_AGAIN);
        assertThat(RepeatedRequests.judge(failed(PartnerCodes.PARTNER_REJECTED), request(600_000, "an account linked since")))
                .isEqualTo(Verdict.PAY_AGAIN);
        assertThat(RepeatedRequests.judge(failed(null), request(600_000, HASH))).isEqualTo(Verdict.PAY_AGAIN);
        assertThat(RepeatedRequests.judge(failed(PartnerCodes.PARTNER_REJECTED), request(1_200_000, "another amount")))
                .isEqualTo(Verdict.CONFLICT);
    }

    @Test
    void a_payment_that_did_not_fail_is_never_paid_again_by_a_request() {
        for (PaymentStatus status : PaymentStatus.values()) {
            if (status == PaymentStatus.FAILED) {
                continue;
            }
            assertThat(RepeatedRequests.judge(known(status, null), request(600_000, HASH))).as(status.name())
                    .isEqualTo(Verdict.SAME);
            assertThat(RepeatedRequests.judge(known(status, null), request(600_000, "another account"))).as(status.name())
                    .isEqualTo(Verdict.CONFLICT);
        }
    }

    @Test
    void a_request_event_already_taken_in_changes_nothing_whatever_its_content() {
        UUID second = UUID.randomUUID();
        Known failedAgain = new Known(PARTICIPANT, "POST_TRAINING", 1, 600_000, HASH, PaymentStatus.FAILED,
                PartnerCodes.ACCOUNT_BLOCKED, Set.of(FIRST_EVENT, second));
        for (UUID event : new UUID[] {FIRST_EVENT, second}) {
            assertThat(RepeatedRequests.judge(failedAgain, new Incoming(event, PARTICIPANT, "POST_TRAINING", 1, 600_000,
                    "an earlier account"))).isEqualTo(Verdict.SAME);
        }
    }

    @Provide
    Arbitrary<String> reasons() {
        return Arbitraries.of(PartnerCodes.ACCOUNT_CLOSED, PartnerCodes.ACCOUNT_BLOCKED, PartnerCodes.ACCOUNT_NOT_FOUND,
                PartnerCodes.NAME_MISMATCH, PartnerCodes.LIMIT_EXCEEDED, PartnerCodes.PARTNER_REJECTED, "SOMETHING_NEW")
                .injectNull(0.1);
    }

    @Property
    void only_a_failed_payment_asked_for_again_by_a_new_request_is_ever_paid_again(@ForAll PaymentStatus status,
            @ForAll("reasons") String reason, @ForAll boolean sameAmount, @ForAll boolean sameContent,
            @ForAll boolean knownEvent) {
        Known payment = known(status, reason);
        Incoming incoming = new Incoming(knownEvent ? FIRST_EVENT : UUID.randomUUID(), PARTICIPANT, "POST_TRAINING", 1,
                sameAmount ? 600_000 : 600_001, sameContent && sameAmount ? HASH : "other");
        Verdict verdict = RepeatedRequests.judge(payment, incoming);

        boolean failed = status == PaymentStatus.FAILED;
        assertThat(verdict == Verdict.PAY_AGAIN).isEqualTo(failed && sameAmount && !knownEvent);
        if (knownEvent) {
            assertThat(verdict).isEqualTo(Verdict.SAME);
        }
        if (!sameAmount && !knownEvent) {
            assertThat(verdict).isEqualTo(Verdict.CONFLICT); // never paid with another amount
        }
        if (!failed && !knownEvent) {
            // in flight, pending, unknown or succeeded: the old rule holds
            assertThat(verdict).isEqualTo(sameContent && sameAmount ? Verdict.SAME : Verdict.CONFLICT);
        }
    }
}
