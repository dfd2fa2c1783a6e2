package id.go.prakerja.verification.verificationcase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.verification.ParticipantRejected;
import id.go.prakerja.events.verification.ParticipantVerified;
import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.events.verification.VerificationLayerFailed;
import id.go.prakerja.events.verification.VerificationLayerPassed;
import id.go.prakerja.events.verification.VerificationReviewQueued;

/** The path through the layers, without Spring. */
class VerificationCaseTest {

    private static final Instant T0 = Instant.parse("2020-04-11T08:00:00Z");
    private static final int MAX = 3;

    private static VerificationCase fresh() {
        return VerificationCase.open(UUID.randomUUID(), new VerificationCase.Applicant("v1:nik", "hash", "v1:kk",
                "SITI AMINAH", "BANDUNG", LocalDate.of(1990, 1, 1), "siti@example.id", "+6281234567890", "32"), T0,
                UUID.randomUUID());
    }

    @Test
    void passing_every_layer_in_order_verifies_and_starts_each_next_layer() {
        VerificationCase c = fresh();
        assertThat(c.currentLayer()).isEqualTo(VerificationLayer.EMAIL);
        assertThat(c.waitingFor()).isEqualTo(VerificationCase.WaitingFor.PARTICIPANT);

        assertThat(c.pass(VerificationLayer.EMAIL, T0)).singleElement().isEqualTo(new VerificationLayerPassed(VerificationLayer.EMAIL, 1, T0));
        assertThat(c.currentLayer()).isEqualTo(VerificationLayer.NIK);
        assertThat(c.checkDueAt()).as("Dukcapil is asked at once").isEqualTo(T0);
        assertThat(c.waitingFor()).isEqualTo(VerificationCase.WaitingFor.PARTNER);

        c.pass(VerificationLayer.NIK, T0);
        assertThat(c.checkDueAt()).as("the phone layer waits for the participant").isNull();
        c.pass(VerificationLayer.PHONE, T0);
        c.evidenceSubmitted(T0);
        var events = c.pass(VerificationLayer.KYC, T0);

        assertThat(events).last().isEqualTo(new ParticipantVerified(T0));
        assertThat(c.status()).isEqualTo(VerificationCase.Status.VERIFIED);
        assertThat(c.currentLayer()).isNull();
        assertThat(c.waitingFor()).isEqualTo(VerificationCase.WaitingFor.NOBODY);
    }

    @Test
    void a_layer_out_of_turn_cannot_pass() {
        VerificationCase c = fresh();
        assertThatThrownBy(() -> c.pass(VerificationLayer.PHONE, T0)).isInstanceOf(IllegalStateException.class);
        assertThat(c.awaitsParticipant(VerificationLayer.PHONE)).isFalse();
    }

    @Test
    void failures_are_retryable_until_the_last_allowed_one_which_sends_the_case_to_review() {
        VerificationCase c = fresh();
        c.pass(VerificationLayer.EMAIL, T0);
        for (int attempt = 1; attempt < MAX; attempt++) {
            var failed = (VerificationLayerFailed) c.fail(VerificationLayer.NIK, "NAME_MISMATCH", MAX, T0).getFirst();
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.attempt()).isEqualTo(attempt);
            assertThat(c.status()).isEqualTo(VerificationCase.Status.IN_PROGRESS);
            assertThat(c.awaitsParticipant(VerificationLayer.NIK)).isTrue();
            c.retry(VerificationLayer.NIK, T0);
            assertThat(c.checkDueAt()).isEqualTo(T0);
        }
        var lastEvents = c.fail(VerificationLayer.NIK, "NAME_MISMATCH", MAX, T0);
        var last = (VerificationLayerFailed) lastEvents.getFirst();

        assertThat(last.retryable()).isFalse();
        assertThat(lastEvents).as("the last failure also announces the review queue")
                .containsExactly(last, new VerificationReviewQueued(VerificationLayer.NIK, "NAME_MISMATCH", T0));
        assertThat(c.status()).isEqualTo(VerificationCase.Status.IN_REVIEW);
        assertThat(c.reviewLayer()).isEqualTo(VerificationLayer.NIK);
        assertThat(c.progress(VerificationLayer.NIK).status()).isEqualTo(LayerStatus.IN_REVIEW);
        assertThat(c.waitingFor()).isEqualTo(VerificationCase.WaitingFor.OPERATOR);
    }

    @Test
    void an_operator_approval_passes_the_layer_in_review_and_a_rejection_ends_the_case() {
        VerificationCase approved = fresh();
        approved.pass(VerificationLayer.EMAIL, T0);
        assertThat(approved.review(VerificationLayer.NIK, "UNSURE", T0))
                .isEqualTo(new VerificationReviewQueued(VerificationLayer.NIK, "UNSURE", T0));
        assertThatThrownBy(() -> approved.review(VerificationLayer.NIK, "UNSURE", T0))
                .as("a case already in review is not queued again").isInstanceOf(IllegalStateException.class);
        var events = approved.approve("ops", T0);
        assertThat(events).singleElement().isEqualTo(new VerificationLayerPassed(VerificationLayer.NIK, 1, T0));
        assertThat(approved.currentLayer()).isEqualTo(VerificationLayer.PHONE);
        assertThat(approved.status()).isEqualTo(VerificationCase.Status.IN_PROGRESS);
        assertThat(approved.reviewLayer()).isNull();

        VerificationCase rejected = fresh();
        assertThat(rejected.reject("FRAUD_SUSPECTED", "ops", T0)).singleElement()
                .isEqualTo(new ParticipantRejected(VerificationLayer.EMAIL, "FRAUD_SUSPECTED", T0));
        assertThat(rejected.status()).isEqualTo(VerificationCase.Status.REJECTED);
        assertThatThrownBy(() -> rejected.reject("AGAIN", "ops", T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rejected.approve("ops", T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_unavailable_partner_counts_no_attempt_and_makes_the_check_due_later() {
        VerificationCase c = fresh();
        c.pass(VerificationLayer.EMAIL, T0);
        c.partnerUnavailable("DUKCAPIL_UNAVAILABLE", Duration.ofSeconds(5), T0);

        assertThat(c.progress(VerificationLayer.NIK).attempts()).isZero();
        assertThat(c.progress(VerificationLayer.NIK).status()).isEqualTo(LayerStatus.PENDING);
        assertThat(c.progress(VerificationLayer.NIK).reason()).isEqualTo("DUKCAPIL_UNAVAILABLE");
        assertThat(c.checkDueAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(c.checkWaits()).isEqualTo(1);
    }

    @Test
    void a_changed_contact_reopens_its_layer_while_the_case_is_open_but_not_once_it_is_decided() {
        VerificationCase c = fresh();
        c.pass(VerificationLayer.EMAIL, T0);
        c.pass(VerificationLayer.NIK, T0);

        assertThat(c.contactChanged(VerificationLayer.EMAIL, "baru@example.id", T0)).isTrue();
        assertThat(c.currentLayer()).isEqualTo(VerificationLayer.EMAIL);
        assertThat(c.email()).isEqualTo("baru@example.id");
        assertThat(c.progress(VerificationLayer.NIK).status()).isEqualTo(LayerStatus.PASSED);
        c.pass(VerificationLayer.EMAIL, T0);
        assertThat(c.currentLayer()).as("back where it was").isEqualTo(VerificationLayer.PHONE);

        assertThat(c.contactChanged(VerificationLayer.PHONE, "+6281299999999", T0))
                .as("the phone layer had started: pending again").isTrue();

        VerificationCase notYet = fresh();
        assertThat(notYet.contactChanged(VerificationLayer.PHONE, "+6281299999999", T0))
                .as("a layer not started yet just uses the new number").isFalse();

        VerificationCase decided = fresh();
        decided.reject("FRAUD_SUSPECTED", "ops", T0);
        assertThat(decided.contactChanged(VerificationLayer.EMAIL, "x@example.id", T0)).isFalse();
        assertThat(decided.email()).isEqualTo("x@example.id");
    }
}
