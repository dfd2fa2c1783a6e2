package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.payment.PaymentProperties;
import id.go.prakerja.payment.partner.PartnerAnswer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The payment state machine and the partner reference, in plain Java. */
class PaymentRulesTest {

    static final PaymentProperties.Sender SENDER = new PaymentProperties.Sender(true, Duration.ofMillis(100), 500,
            Duration.ofMinutes(2), Duration.ofSeconds(5), 2);
    static final PaymentProperties.Sweeper SWEEPER = new PaymentProperties.Sweeper(true, Duration.ofMillis(250), 200,
            Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(1), 0.2);

    @Provide
    Arbitrary<PartnerAnswer> answers() {
        return Arbitraries.of(PartnerAnswer.Kind.values()).map(kind -> switch (kind) {
            case PAID -> PartnerAnswer.paid("R", "2001700");
            case PENDING -> PartnerAnswer.pending("R", "2021700");
            case FAILED -> PartnerAnswer.failed("4041711", "ACCOUNT_NOT_FOUND", "no account");
            case UNKNOWN -> PartnerAnswer.unknown("5001700", "error");
            case NOT_FOUND -> PartnerAnswer.notFound("4043601");
            case NOT_SENT -> PartnerAnswer.notSent("429", Duration.ofSeconds(1), "rate");
        });
    }

    @Provide
    Arbitrary<PaymentStatus> waiting() {
        return Arbitraries.of(PaymentStatus.SENDING, PaymentStatus.UNKNOWN, PaymentStatus.PENDING_AT_PARTNER);
    }

    @Property
    void every_answer_to_a_payment_in_flight_is_an_allowed_move(@ForAll("waiting") PaymentStatus from,
            @ForAll("answers") PartnerAnswer answer, @ForAll PaymentTransitions.Source source,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 40) int inquiries) {
        var decision = PaymentTransitions.decide(from, source, answer, inquiries, SENDER, SWEEPER);
        assertThat(decision.to() == from || from.canMoveTo(decision.to())).isTrue();
        assertThat(decision.dueIn()).isBetween(Duration.ZERO, Duration.ofMinutes(5));
        // only the partner's own word settles a payment
        assertThat(decision.to() == PaymentStatus.SUCCEEDED).isEqualTo(answer.kind() == PartnerAnswer.Kind.PAID);
        assertThat(decision.to() == PaymentStatus.FAILED).isEqualTo(answer.kind() == PartnerAnswer.Kind.FAILED);
    }

    @Property
    void after_an_ambiguous_attempt_no_transfer_refusal_fails_a_payment(@ForAll("answers") PartnerAnswer answer,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 40) int inquiries) {
        PaymentStatus from = PaymentStatus.SENDING; // a transfer's answer comes to a payment being sent
        var decision = PaymentTransitions.decide(from, PaymentTransitions.Source.TRANSFER, answer, inquiries, true, SENDER, SWEEPER);
        assertThat(decision.to()).isNotEqualTo(PaymentStatus.FAILED);
        assertThat(decision.to() == from || from.canMoveTo(decision.to())).isTrue();
        if (answer.kind() == PartnerAnswer.Kind.FAILED) {
            assertThat(decision.to()).isEqualTo(PaymentStatus.IN_DOUBT);
            assertThat(decision.cause()).contains(answer.reasonCode()).contains("ambiguous");
        }
    }

    @Property
    void a_payment_in_doubt_ends_only_on_every_reference_shown_uncredited_or_one_credited(@ForAll("answers") PartnerAnswer answer,
            @ForAll PaymentTransitions.Source source, @ForAll boolean ambiguous,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 40) int inquiries) {
        var decision = PaymentTransitions.decide(PaymentStatus.IN_DOUBT, source, answer, inquiries, ambiguous, SENDER, SWEEPER);
        PaymentStatus expected = switch (answer.kind()) {
            case PAID -> PaymentStatus.SUCCEEDED;
            case FAILED, NOT_FOUND -> PaymentStatus.FAILED;
            default -> PaymentStatus.IN_DOUBT;
        };
        assertThat(decision.to()).isEqualTo(expected);
        assertThat(PaymentStatus.IN_DOUBT.canMoveTo(PaymentStatus.RECEIVED)).isFalse();
        assertThat(decision.dueIn()).isBetween(Duration.ZERO, Duration.ofMinutes(5));
    }

    @Test
    void a_timeout_a_5xx_or_an_unreadable_answer_is_unknown_never_failed() {
        var decision = PaymentTransitions.decide(PaymentStatus.SENDING, PaymentTransitions.Source.TRANSFER,
                PartnerAnswer.unknown("TIMEOUT", "no answer"), 0, SENDER, SWEEPER);
        assertThat(decision.to()).isEqualTo(PaymentStatus.UNKNOWN);
        assertThat(decision.dueIn()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void not_found_on_inquiry_sends_again_and_inquiries_back_off_to_the_maximum() {
        assertThat(PaymentTransitions.decide(PaymentStatus.UNKNOWN, PaymentTransitions.Source.INQUIRY,
                PartnerAnswer.notFound("4043601"), 3, SENDER, SWEEPER).to()).isEqualTo(PaymentStatus.RECEIVED);
        assertThat(SWEEPER.waitAfter(Duration.ofSeconds(1), 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SWEEPER.waitAfter(Duration.ofSeconds(1), 3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(SWEEPER.waitAfter(Duration.ofSeconds(1), 30)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void a_paid_payment_never_moves_and_only_a_failed_one_goes_back_to_be_sent() {
        for (PaymentStatus s : PaymentStatus.values()) {
            assertThat(PaymentStatus.SUCCEEDED.canMoveTo(s)).isFalse();
            assertThat(s.canMoveTo(PaymentStatus.RECEIVED) || s == PaymentStatus.RECEIVED)
                    .isEqualTo(s != PaymentStatus.SUCCEEDED && s != PaymentStatus.IN_DOUBT);
        }
        assertThat(PaymentStatus.FAILED.canMoveTo(PaymentStatus.SENDING)).isFalse();
    }

    @Property
    void the_partner_reference_is_stable_short_alphanumeric_and_distinct(@ForAll IncentiveKind kind,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 3) int sequence) {
        UUID participant = UUID.randomUUID();
        String id = DisbursementRequested.instructionId(participant, kind, sequence);
        String reference = PaymentReferences.of(id, 1);
        assertThat(reference).matches("[A-Za-z0-9]{1,64}").hasSize(36).isEqualTo(PaymentReferences.of(id, 1));
        assertThat(PaymentReferences.of(id, 2)).isEqualTo(reference + "R2");
        Set<String> all = new HashSet<>();
        for (IncentiveKind k : IncentiveKind.values()) {
            for (int n = 1; n <= 3; n++) {
                assertThat(all.add(PaymentReferences.of(DisbursementRequested.instructionId(participant, k, n), 1))).isTrue();
            }
        }
        assertThat(PaymentReferences.of("something else", 1)).matches("PKH[0-9a-f]{40}");
    }
}
