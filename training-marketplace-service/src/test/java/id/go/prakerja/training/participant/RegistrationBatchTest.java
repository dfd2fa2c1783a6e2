package id.go.prakerja.training.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.Sex;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.training.TrainingServiceTest;

/**
 * The registrations of one poll are copied in one transaction, with the effect of copying them one
 * by one: each participant once, a copy of an event applied once, a later change kept, and a
 * malformed record dead-lettered on its own while the others are copied.
 */
class RegistrationBatchTest extends TrainingServiceTest {

    @Autowired
    BindingsLifecycleController bindings;

    @Test
    void a_poll_of_registrations_copies_each_participant_once_in_one_transaction_and_dead_letters_a_malformed_record_alone() {
        UUID changed = UUID.randomUUID();
        var first = registered(changed, "+6281200000001");
        var newPhone = EventEnvelope.of(new ParticipantProfileUpdated(Map.of("phone", "+6281200000003"), Instant.now()),
                changed, UUID.randomUUID(), null, Instant.now());
        byte[] garbage = ("{not an event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        List<EventEnvelope<ParticipantRegistered>> before = new ArrayList<>();
        List<EventEnvelope<ParticipantRegistered>> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            before.add(registered(UUID.randomUUID(), "+62813" + (10_000_000 + i)));
            after.add(registered(UUID.randomUUID(), "+62814" + (10_000_000 + i)));
        }
        List<byte[]> records = new ArrayList<>();
        before.forEach(e -> records.add(EventJson.write(e)));
        // the copy comes after the change: applied again, it would bring the old phone back
        records.addAll(List.of(EventJson.write(first), EventJson.write(newPhone), EventJson.write(first), garbage));
        after.forEach(e -> records.add(EventJson.write(e)));

        // all on the topic before the consumer reads: one poll takes them
        bindings.changeState("registrationEvents-in-0", BindingsLifecycleController.State.STOPPED);
        try {
            KafkaProbe.sendAll(Topics.REGISTRATION, "batch-" + UUID.randomUUID(), records);
        } finally {
            bindings.changeState("registrationEvents-in-0", BindingsLifecycleController.State.STARTED);
        }

        await().atMost(WAIT).until(() -> copied(after) == 20);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from dead_letter where payload = ?", Long.class,
                (Object) garbage) == 1);
        assertThat(copied(before)).isEqualTo(20);
        assertThat(jdbc.queryForObject("select phone from participant where id = ?", String.class, after.get(7).participantId()))
                .isEqualTo("+6281410000007");
        assertThat(jdbc.queryForObject("select phone from participant where id = ?", String.class, changed))
                .as("registered, then changed; the copy of the registration changes nothing").isEqualTo("+6281200000003");
        for (var event : List.of(first, newPhone)) {
            assertThat(jdbc.queryForObject("select count(*) from inbox_message where event_id = ?", Long.class, event.eventId()))
                    .isEqualTo(1);
        }
        // the batch failed at the malformed record: the events before it went one by one, and the events
        // after it came again in one batch, copied in one transaction (one per event before)
        assertThat(jdbc.queryForObject("select count(distinct xmin::text) from inbox_message where event_id = any(?)", Long.class,
                (Object) after.stream().map(EventEnvelope::eventId).toArray(UUID[]::new))).isLessThanOrEqualTo(2);
    }

    private long copied(List<EventEnvelope<ParticipantRegistered>> events) {
        return jdbc.queryForObject("select count(*) from participant where id = any(?) and phone is not null", Long.class,
                (Object) events.stream().map(EventEnvelope::participantId).toArray(UUID[]::new));
    }

    private static EventEnvelope<ParticipantRegistered> registered(UUID id, String phone) {
        Instant now = Instant.now();
        return EventEnvelope.of(new ParticipantRegistered("v2:1:sealed-nik", "v2:1:sealed-kk", "blind-" + id, "31", "3174",
                "Jakarta", LocalDate.of(1990, 1, 1), Sex.FEMALE, "t" + id.toString().substring(0, 8) + "@example.id", phone,
                "Siti Rahayu", Education.SMA_SMK, JobStatus.LAID_OFF, now), id, UUID.randomUUID(), null, now);
    }
}
