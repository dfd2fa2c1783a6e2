package id.go.prakerja.console.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.go.prakerja.console.SealedForGateway;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.Sex;

class TimelineDetailTest {

    @Test
    void personal_data_never_reaches_the_timeline() {
        String registered = TimelineDetail.of(new ParticipantRegistered("sealed-nik", "sealed-kk", "blind-index", "31", "3171",
                "Jakarta", LocalDate.of(1990, 1, 2), Sex.MALE, "ani@example.com", "+628111", "Ani Lestari", Education.S1,
                JobStatus.LAID_OFF, Instant.parse("2020-04-11T01:00:00Z")));
        assertThat(registered).contains("\"province\":\"31\"", "\"jobStatus\":\"LAID_OFF\"", "2020-04-11T01:00:00Z")
                .doesNotContain("sealed", "blind-index", "Jakarta", "1990", "ani@", "+628111", "Ani");

        UUID participant = UUID.randomUUID();
        var linkRequested = new PayoutAccountLinkRequested(UUID.randomUUID(), PayoutPartner.OVO,
                SealedForGateway.linkField("accountNumber", participant, "0812999"),
                SealedForGateway.linkField("nik", participant, "3174050101900001"),
                SealedForGateway.linkField("fullName", participant, "Ani Lestari"),
                SealedForGateway.linkField("registeredPhone", participant, "+628111"));
        String link = TimelineDetail.of(linkRequested);
        assertThat(link).contains("\"partner\":\"OVO\"").doesNotContain("0812999", "Ani", "+628111", "v2:",
                linkRequested.accountNumber(), linkRequested.nik(), linkRequested.fullName(), linkRequested.registeredPhone(),
                "accountNumber", "nik", "fullName", "registeredPhone");

        String selected = TimelineDetail.of(new ParticipantSelected(1, "1234567812345678", 1_000_000L, Instant.now()));
        assertThat(selected).contains("\"waveNumber\":1").doesNotContain("1234567812345678");

        String requested = TimelineDetail.of(new DisbursementRequested("p:POST_TRAINING:1", IncentiveKind.POST_TRAINING, 1, 600_000L,
                PayoutPartner.BNI, SealedForGateway.accountToPay(participant, "0099887766")));
        assertThat(requested).contains("\"amount\":600000").doesNotContain("0099887766", "v2:", "accountNumber");
    }
}
