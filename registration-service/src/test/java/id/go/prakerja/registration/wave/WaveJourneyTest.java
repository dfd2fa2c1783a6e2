package id.go.prakerja.registration.wave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.cohort.ParticipantNotSelected;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.cohort.WaveJoined;
import id.go.prakerja.events.verification.ParticipantVerified;
import id.go.prakerja.registration.RegistrationServiceTest;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;

/**
 * 1,000 synthetic applicants from registration to selection in a wave with province quotas,
 * over the real API, broker and database.
 */
class WaveJourneyTest extends RegistrationServiceTest {

    private static final String[] PROVINCES = {"31", "32", "35", "11"}; // 11 (Aceh) has no quota in this wave
    private static final Map<String, Long> QUOTAS = Map.of("31", 120L, "32", 90L, "35", 60L);
    private static final long TOTAL = 230;

    @Autowired
    TokenIssuer tokens;
    @Autowired
    JdbcTemplate jdbc;

    record Applicant(UUID id, String province, String jobStatus, String token) {
    }

    @Test
    void a_thousand_applicants_are_selected_within_every_quota_reproducibly_and_never_twice() {
        HttpApi operator = api().withToken(tokens.issue("ops", Roles.OPERATOR).accessToken());
        int waveNumber = WaveNumbers.next();
        Instant now = Instant.now();
        var created = operator.post("/admin/waves", Map.of("number", waveNumber, "opensAt", now.toString(),
                "closesAt", now.plus(Duration.ofDays(7)).toString(), "totalQuota", TOTAL, "quotaByProvince", QUOTAS,
                "priorityRules", List.of("LAID_OFF_FIRST"), "seed", 20200411L));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(operator.post("/admin/waves/" + waveNumber + "/open", null).status()).isEqualTo(200);

        // register 1,000; verification passes 950 of them
        List<Applicant> applicants = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String province = PROVINCES[i % PROVINCES.length];
            String jobStatus = i % 5 == 0 ? "LAID_OFF" : "JOB_SEEKER";
            var response = api().post("/api/v1/participants", applicant(waveNumber, i, province, jobStatus));
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            UUID id = UUID.fromString(response.json().get("participantId").asString());
            applicants.add(new Applicant(id, province, jobStatus, tokens.issue(id.toString(), Roles.PARTICIPANT).accessToken()));
        }
        List<Applicant> verified = applicants.subList(0, 950);
        for (Applicant a : verified) {
            KafkaProbe.send(Topics.VERIFICATION, a.id().toString(), EventJson.write(EventEnvelope.of(
                    new ParticipantVerified(Instant.now()), a.id(), UUID.randomUUID(), null, Instant.now())));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from participant where status = 'VERIFIED' and id = any(?)", Long.class,
                (Object) verified.stream().map(Applicant::id).toArray(UUID[]::new)) == 950);

        // everyone tries to join
        KafkaProbe applications = KafkaProbe.listen(Topics.COHORT);
        Map<String, Integer> refusals = new HashMap<>();
        List<Applicant> joined = new ArrayList<>();
        for (Applicant a : applicants) {
            var join = api().withToken(a.token()).post("/api/v1/waves/" + waveNumber + "/applications", null);
            if (join.status() == 201) {
                joined.add(a);
                assertThat(join.json().get("status").asString()).isEqualTo("WAITING");
            } else {
                refusals.merge(join.json().get("code").asString(), 1, Integer::sum);
            }
        }
        // verification is checked first: all 50 unverified are refused for that; then the 237 verified from Aceh
        assertThat(refusals).containsExactlyInAnyOrderEntriesOf(Map.of("NOT_VERIFIED", 50, "PROVINCE_NOT_IN_WAVE", 237));
        assertThat(joined).allMatch(a -> !a.province().equals("11"));
        assertThat(api().withToken(joined.get(0).token()).post("/api/v1/waves/" + waveNumber + "/applications", null).status())
                .as("joining twice is joining once").isEqualTo(201);
        // each application is announced once, for the operators' funnel
        Set<UUID> joinedIds = joined.stream().map(Applicant::id).collect(Collectors.toSet());
        try (applications) {
            await().atMost(Duration.ofSeconds(60)).until(() -> joinedEvents(applications, joinedIds).size() >= joined.size());
            List<EventEnvelope<WaveJoined>> joins = joinedEvents(applications, joinedIds);
            assertThat(joins).hasSize(joined.size());
            assertThat(joins.stream().map(EventEnvelope::participantId).collect(Collectors.toSet())).isEqualTo(joinedIds);
            assertThat(joins).allSatisfy(e -> assertThat(e.payload().waveNumber()).isEqualTo(waveNumber));
            Applicant first = joined.get(0);
            assertThat(joins.stream().filter(e -> e.participantId().equals(first.id())).findFirst().orElseThrow().payload().province())
                    .isEqualTo(first.province());
        }

        try (KafkaProbe cohort = KafkaProbe.listen(Topics.COHORT)) {
            assertThat(operator.post("/admin/waves/" + waveNumber + "/close", null).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> "SELECTED".equals(
                    operator.get("/admin/waves/" + waveNumber).json().get("status").asString()));

            Map<UUID, String> cards = new HashMap<>();
            jdbc.query("select participant_id, card_number from wave_application where wave_number = ? and status = 'SELECTED'",
                    rs -> {
                        cards.put(rs.getObject(1, UUID.class), rs.getString(2));
                    }, waveNumber);

            // the quotas hold
            // every place the quotas and the total allow is filled
            assertThat((long) cards.size()).isEqualTo(WaveSelectionTest.expectedCount(joined.stream().map(a -> new WaveSelection.Applicant(
                    a.id(), a.province(), 0)).toList(), QUOTAS, TOTAL));
            Map<String, Long> perProvince = joined.stream().filter(a -> cards.containsKey(a.id()))
                    .collect(Collectors.groupingBy(Applicant::province, Collectors.counting()));
            perProvince.forEach((province, n) -> assertThat(n).as(province).isLessThanOrEqualTo(QUOTAS.get(province)));

            // the database chose exactly what the rule says, in the same order (card numbers are positions)
            var expected = List.copyOf(WaveSelection.select(joined.stream().map(a -> new WaveSelection.Applicant(a.id(),
                    a.province(), a.jobStatus().equals("LAID_OFF") ? 0 : 1)).toList(), QUOTAS, TOTAL, 20200411L));
            assertThat(cards.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(cards.get(expected.get(i))).isEqualTo(WaveSelection.cardNumber(waveNumber, i + 1));
            }
            assertThat(new HashSet<>(cards.values())).hasSize(cards.size());

            // everyone decided is told, once
            await().atMost(Duration.ofSeconds(60)).until(() -> cohort.records().stream()
                    .filter(r -> joined.stream().anyMatch(a -> a.id().toString().equals(r.key()))).count() >= joined.size());
            var announced = cohort.records().stream().map(r -> EventJson.read(r.value()).orElseThrow())
                    .filter(e -> e.payload() instanceof ParticipantSelected || e.payload() instanceof ParticipantNotSelected)
                    .filter(e -> cards.containsKey(e.participantId()) || joined.stream().anyMatch(a -> a.id().equals(e.participantId())))
                    .toList();
            assertThat(announced).hasSize(joined.size());
            Set<UUID> selectedEvents = announced.stream().filter(e -> e.payload() instanceof ParticipantSelected)
                    .map(EventEnvelope::participantId).collect(Collectors.toSet());
            assertThat(selectedEvents).isEqualTo(cards.keySet());
            var one = announced.stream().filter(e -> e.payload() instanceof ParticipantSelected).findFirst().orElseThrow();
            ParticipantSelected selected = one.as(ParticipantSelected.class).payload();
            assertThat(selected.trainingBalance()).isEqualTo(1_000_000L);
            assertThat(selected.cardNumber()).isEqualTo(cards.get(one.participantId()));
        }

        // what participants see, and that nobody is selected twice
        Applicant winner = joined.stream().filter(a -> jdbc.queryForObject("select status from wave_application where "
                + "wave_number = ? and participant_id = ?", String.class, waveNumber, a.id()).equals("SELECTED")).findFirst().orElseThrow();
        Applicant other = joined.stream().filter(a -> jdbc.queryForObject("select status from wave_application where "
                + "wave_number = ? and participant_id = ?", String.class, waveNumber, a.id()).equals("NOT_SELECTED")).findFirst().orElseThrow();
        var mine = api().withToken(winner.token()).get("/api/v1/waves/me").json().get(0);
        assertThat(mine.get("status").asString()).isEqualTo("SELECTED");
        assertThat(mine.get("cardNumber").asString()).hasSize(16);
        assertThat(mine.get("trainingBalance").asLong()).isEqualTo(1_000_000L);
        assertThat(api().withToken(other.token()).get("/api/v1/waves/me").json().get(0).get("status").asString())
                .isEqualTo("NOT_SELECTED");

        // everyone decided is told by SMS and e-mail, once
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("select count(*) from wave_application "
                + "where wave_number = ? and notified_at is not null", Long.class, waveNumber) == joined.size());
        String[] winnerContact = contact(winner);
        String card = mine.get("cardNumber").asString();
        assertThat(SIMULATORS.sms().messagesTo(winnerContact[0])).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("lolos gelombang " + waveNumber).contains(card).contains("Rp1.000.000"));
        assertThat(SIMULATORS.email().messagesTo(winnerContact[1])).singleElement()
                .satisfies(m -> assertThat(m.text()).contains(card));
        String[] otherContact = contact(other);
        assertThat(SIMULATORS.sms().messagesTo(otherContact[0])).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("belum berhasil").contains("gelombang berikutnya"));

        int next = WaveNumbers.next();
        operator.post("/admin/waves", Map.of("number", next, "opensAt", now.toString(), "closesAt",
                now.plus(Duration.ofDays(7)).toString(), "totalQuota", 10, "quotaByProvince", QUOTAS));
        operator.post("/admin/waves/" + next + "/open", null);
        var again = api().withToken(winner.token()).post("/api/v1/waves/" + next + "/applications", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("ALREADY_SELECTED");
        assertThat(api().withToken(other.token()).post("/api/v1/waves/" + next + "/applications", null).status())
                .as("not selected may join the next wave without registering again").isEqualTo(201);
    }

    private static List<EventEnvelope<WaveJoined>> joinedEvents(KafkaProbe probe, Set<UUID> participants) {
        return probe.records().stream().map(r -> EventJson.read(r.value()).orElseThrow())
                .filter(e -> e.payload() instanceof WaveJoined && participants.contains(e.participantId()))
                .map(e -> e.as(WaveJoined.class)).toList();
    }

    private String[] contact(Applicant a) {
        return jdbc.queryForObject("select phone, email from participant where id = ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, a.id());
    }

    private static Map<String, Object> applicant(int wave, int i, String province, String jobStatus) {
        int serial = wave * 1000 + i + 1;
        String day = "%02d".formatted(1 + i % 28);
        Map<String, Object> body = new HashMap<>();
        body.put("nik", province + "0101" + day + "0190" + "%04d".formatted(serial % 10000 == 0 ? 1 : serial % 10000));
        body.put("kkNumber", province + "01" + "%012d".formatted(serial));
        body.put("fullName", "Peserta " + i);
        body.put("birthPlace", "Kota");
        body.put("birthDate", "1990-01-" + day);
        body.put("sex", "MALE");
        body.put("email", "w" + wave + "p" + i + "@example.id");
        body.put("phone", "0857" + "%08d".formatted(serial));
        body.put("address", "Jl. Contoh " + i);
        body.put("provinceCode", province);
        body.put("regencyCode", province + "01");
        body.put("education", "SMA_SMK");
        body.put("jobStatus", jobStatus);
        body.put("declarations", Map.of("inFormalEducation", false, "publicOffice", "NONE"));
        return body;
    }
}
