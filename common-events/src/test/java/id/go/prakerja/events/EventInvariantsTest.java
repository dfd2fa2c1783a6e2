package id.go.prakerja.events;

import id.go.prakerja.events.cohort.CohortKeys;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.cohort.WaveOpened;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.Sex;
import id.go.prakerja.events.survey.SurveyCompleted;
import id.go.prakerja.events.training.BalanceForfeited;
import id.go.prakerja.events.training.ForfeitReason;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventInvariantsTest {

    private static final UUID PARTICIPANT = UUID.fromString("5f0c2a8e-1b7d-4c3e-9a61-2d8f4b7e0c19");
    private static final Instant AT = Instant.parse("2020-04-17T10:00:00Z");

    @Test
    void a_card_number_is_16_digits() {
        assertThat(new ParticipantSelected(1, "5200310417000123", 1_000_000, AT).cardNumber()).hasSize(16);
        for (String bad : new String[] {"520031041700012", "52003104170001234", "5200-3104-1700-0", "520031041700012X"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new ParticipantSelected(1, bad, 1_000_000, AT));
        }
    }

    @Test
    void a_grievance_comes_with_at_most_two_images_and_a_step() {
        UUID grievance = UUID.randomUUID();
        assertThat(new id.go.prakerja.events.registration.GrievanceFiled(grievance,
                id.go.prakerja.events.registration.GrievanceStep.PAYMENT, 2, AT).images()).isEqualTo(2);
        assertThatIllegalArgumentException().isThrownBy(() -> new id.go.prakerja.events.registration.GrievanceFiled(grievance,
                id.go.prakerja.events.registration.GrievanceStep.PAYMENT, 3, AT));
        assertThatIllegalArgumentException().isThrownBy(() -> new id.go.prakerja.events.registration.GrievanceFiled(grievance,
                null, 0, AT));
        assertThatIllegalArgumentException().isThrownBy(() -> new id.go.prakerja.events.registration.GrievanceResolved(grievance,
                id.go.prakerja.events.registration.GrievanceStep.OTHER, null, AT));
    }

    @Test
    void an_integrity_signals_kind_is_any_upper_case_name_so_new_kinds_travel_without_a_new_version() {
        UUID other = UUID.randomUUID();
        assertThat(new id.go.prakerja.events.incentive.IntegritySignalRaised(7, "SHARED_FACE", java.util.List.of(PARTICIPANT, other),
                AT).kind()).isEqualTo("SHARED_FACE");
        assertThat(new id.go.prakerja.events.incentive.IntegritySignalCleared(7, "SHARED_PAYOUT_ACCOUNT", AT).signalId()).isEqualTo(7);
        for (String bad : new String[] {"", "shared_phone", "SHARED PHONE", "X".repeat(31)}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new id.go.prakerja.events.incentive.IntegritySignalCleared(7,
                    bad, AT));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new id.go.prakerja.events.incentive.IntegritySignalRaised(7,
                "SHARED_PHONE", java.util.List.of(), AT));
        assertThatIllegalArgumentException().isThrownBy(() -> new id.go.prakerja.events.incentive.IntegritySignalRaised(0,
                "SHARED_PHONE", java.util.List.of(PARTICIPANT), AT));
    }

    @Test
    void a_rating_is_1_to_5() {
        UUID purchase = UUID.randomUUID();
        assertThatIllegalArgumentException().isThrownBy(
                () -> new TrainingCompletionReconciled(purchase, "SKA-DM-0142", "SKILL_ACADEMY", "SA/1", 0, AT, true));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new TrainingCompletionReconciled(purchase, "SKA-DM-0142", "SKILL_ACADEMY", "SA/1", 6, AT, true));
    }

    @Test
    void there_are_4_post_training_tranches_and_3_survey_payments() {
        assertThat(disbursement(IncentiveKind.POST_TRAINING, 4, 600_000).sequence()).isEqualTo(4);
        assertThat(disbursement(IncentiveKind.SURVEY, 3, 50_000).sequence()).isEqualTo(3);
        assertThatIllegalArgumentException().isThrownBy(() -> disbursement(IncentiveKind.POST_TRAINING, 5, 600_000));
        assertThatIllegalArgumentException().isThrownBy(() -> disbursement(IncentiveKind.SURVEY, 4, 50_000));
        assertThatIllegalArgumentException().isThrownBy(() -> disbursement(IncentiveKind.SURVEY, 0, 50_000));
        assertThatIllegalArgumentException().isThrownBy(() -> new SurveyCompleted(4, AT));
    }

    @Test
    void money_amounts_are_positive() {
        assertThatIllegalArgumentException().isThrownBy(() -> disbursement(IncentiveKind.POST_TRAINING, 1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new BalanceForfeited(-1, ForfeitReason.DEADLINE, AT));
        assertThatIllegalArgumentException().isThrownBy(() -> new ParticipantSelected(1, "5200310417000123", 0, AT));
    }

    @Test
    void an_instruction_id_is_the_same_for_the_same_tranche_and_differs_between_tranches() {
        String first = DisbursementRequested.instructionId(PARTICIPANT, IncentiveKind.POST_TRAINING, 1);

        assertThat(DisbursementRequested.instructionId(PARTICIPANT, IncentiveKind.POST_TRAINING, 1)).isEqualTo(first);
        assertThat(first).isEqualTo(PARTICIPANT + ":POST_TRAINING:1");
        assertThat(DisbursementRequested.instructionId(PARTICIPANT, IncentiveKind.POST_TRAINING, 2)).isNotEqualTo(first);
        assertThat(DisbursementRequested.instructionId(PARTICIPANT, IncentiveKind.SURVEY, 1)).isNotEqualTo(first);
        assertThatIllegalArgumentException().isThrownBy(
                () -> DisbursementRequested.instructionId(PARTICIPANT, IncentiveKind.POST_TRAINING, 5));
    }

    @Test
    void a_wave_key_is_the_same_for_the_same_wave_and_differs_between_waves() {
        assertThat(CohortKeys.waveKey(1)).isEqualTo(CohortKeys.waveKey(1)).isNotEqualTo(CohortKeys.waveKey(2));
        assertThat(CohortKeys.waveKey(1)).isEqualTo(UUID.fromString("ac2b526a-f7e8-3d32-8be2-1a5c0392c701"));
    }

    @Test
    void a_wave_closes_after_it_opens_and_its_quotas_are_per_province() {
        Map<String, Long> quotas = Map.of("31", 15_000L);
        assertThatIllegalArgumentException().isThrownBy(() -> new WaveOpened(1, AT, AT, 200_000, quotas));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new WaveOpened(1, AT, AT.plusSeconds(1), 200_000, Map.of("DKI", 15_000L)));

        Map<String, Long> mutable = new HashMap<>(quotas);
        WaveOpened wave = new WaveOpened(1, AT, AT.plusSeconds(1), 200_000, mutable);
        mutable.put("32", 38_000L);
        assertThat(wave.quotaByProvince()).containsOnlyKeys("31");
    }

    @Test
    void a_regency_lies_in_the_declared_province() {
        assertThatIllegalArgumentException().isThrownBy(() -> registered("31", "3273"));
        assertThat(registered("31", "3171").regency()).isEqualTo("3171");
    }

    @Test
    void personal_data_stays_out_of_log_lines() {
        assertThat(registered("31", "3171").toString())
                .doesNotContain("Siti", "enc:", "+62", "@")
                .contains("3171");
        assertThat(new PayoutAccountLinkRequested(UUID.randomUUID(), PayoutPartner.OVO, "enc:v1:sealed-account",
                "enc:v1:sealed-nik", "enc:v1:sealed-name", "enc:v1:sealed-phone").toString())
                .doesNotContain("enc:", "sealed-");
        assertThat(disbursement(IncentiveKind.POST_TRAINING, 1, 600_000).toString()).doesNotContain("enc:", "sealed-");
    }

    private static DisbursementRequested disbursement(IncentiveKind kind, int sequence, long amount) {
        return new DisbursementRequested("id-" + kind + sequence, kind, sequence, amount, PayoutPartner.OVO, "enc:v1:sealed-account");
    }

    private static ParticipantRegistered registered(String province, String regency) {
        return new ParticipantRegistered("enc:v1:nik", "enc:v1:kk", "9f2b6c1e", province, regency, "Jakarta",
                LocalDate.of(1994, 8, 17), Sex.FEMALE,
                "siti.rahmawati@example.com", "+6281298765432", "Siti Rahmawati",
                Education.SMA_SMK,
                JobStatus.LAID_OFF, AT);
    }
}
