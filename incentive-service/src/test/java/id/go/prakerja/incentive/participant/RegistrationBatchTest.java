package id.go.prakerja.incentive.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
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
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.incentive.IncentiveServiceTest;
import id.go.prakerja.testsupport.KafkaProbe;

/**
 * The registrations of one poll are kept in one transaction, with the effect of keeping them one by
 * one: each participant once with their NIK sealed for rest, a copy of an event applied once, a later
 * change kept; a registration whose NIK cannot be opened and a malformed record are each retried and
 * dead-lettered on their own while the others are kept.
 */
class RegistrationBatchTest extends IncentiveServiceTest {

    @Autowired
    BindingsLifecycleController bindings;

    @Test
    void a_poll_of_registrations_keeps_each_participant_once_in_one_transaction_and_dead_letters_what_cannot_be_applied_alone() {
        Participant changed = newParticipant("31", 1);
        var first = registered(changed);
        var newPhone = EventEnvelope.of(new ParticipantProfileUpdated(Map.of("phone", "+6281299999999"), clock.instant()),
                changed.id(), UUID.randomUUID(), null, clock.instant());
        Participant sealedForSomeoneElse = newParticipant("32", 1);
        ParticipantRegistered p = registered(sealedForSomeoneElse).payload();
        var unopenable = EventEnvelope.of(new ParticipantRegistered(registered(changed).payload().nik(), p.kkNumber(), p.nikHash(),
                p.province(), p.regency(), p.birthPlace(), p.birthDate(), p.sex(), p.email(), p.phone(), p.fullName(),
                p.education(), p.jobStatus(), p.registeredAt()), sealedForSomeoneElse.id(), UUID.randomUUID(), null,
                clock.instant());
        byte[] garbage = ("{not an event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        List<Participant> before = new ArrayList<>();
        List<Participant> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            before.add(newParticipant("33", 1));
            after.add(newParticipant("34", 1));
        }
        List<EventEnvelope<ParticipantRegistered>> afterEvents = after.stream().map(this::registered).toList();
        List<byte[]> records = new ArrayList<>();
        before.forEach(b -> records.add(EventJson.write(registered(b))));
        // the copy comes after the change: applied again, it would bring the old phone back
        // the malformed record fails the batch as it is read; the unopenable one, in the batch after it, as it is applied
        records.addAll(List.of(EventJson.write(first), EventJson.write(newPhone), EventJson.write(first), garbage,
                EventJson.write(unopenable)));
        afterEvents.forEach(e -> records.add(EventJson.write(e)));

        // all on the topic before the consumer reads: one poll takes them
        bindings.changeState("registrationEvents-in-0", BindingsLifecycleController.State.STOPPED);
        try {
            KafkaProbe.sendAll(Topics.REGISTRATION, "batch-" + UUID.randomUUID(), records);
        } finally {
            bindings.changeState("registrationEvents-in-0", BindingsLifecycleController.State.STARTED);
        }

        await().atMost(WAIT).until(() -> after.stream().allMatch(a -> known(a.id())));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from dead_letter where payload = ?", Long.class,
                (Object) garbage) == 1);
        assertThat(before).allMatch(b -> known(b.id()));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from dead_letter where event_id = ?", Long.class,
                unopenable.eventId()) == 1);
        assertThat(known(sealedForSomeoneElse.id())).isFalse();
        Participant one = after.get(7);
        var identity = jdbc.queryForMap("select full_name, phone, email, province from participant where participant_id = ?",
                one.id());
        assertThat(identity).containsEntry("phone", one.phone()).containsEntry("email", one.email()).containsEntry("province", "34");
        String sealed = jdbc.queryForObject("select nik_sealed from participant where participant_id = ?", String.class, one.id());
        assertThat(crypto.decryptAtRest(sealed, SealedParticipantData.nik(one.id()))).isEqualTo(one.nik());
        assertThat(jdbc.queryForObject("select phone from participant where participant_id = ?", String.class, changed.id()))
                .as("registered, then changed; the copy of the registration changes nothing").isEqualTo("+6281299999999");
        for (var event : List.of(first, newPhone)) {
            assertThat(jdbc.queryForObject("select count(*) from inbox_message where event_id = ?", Long.class, event.eventId()))
                    .isEqualTo(1);
        }
        // each failed batch went one by one up to the event it could not apply; the events after the last
        // of them came again in one batch, kept in one transaction
        assertThat(jdbc.queryForObject("select count(distinct xmin::text) from inbox_message where event_id = any(?)", Long.class,
                (Object) afterEvents.stream().map(EventEnvelope::eventId).toArray(UUID[]::new))).isLessThanOrEqualTo(2);
    }
}
