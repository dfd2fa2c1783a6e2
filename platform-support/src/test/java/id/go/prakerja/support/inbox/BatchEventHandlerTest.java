package id.go.prakerja.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.Sex;

/** Runs of one type are handed over together, never across an event of another type. */
class BatchEventHandlerTest {

    @Test
    void runs_of_one_type_are_handled_together_and_never_across_another_event_so_the_order_is_kept() {
        UUID p = UUID.randomUUID();
        var r1 = registered(UUID.randomUUID());
        var r2 = registered(p);
        var update = updated(p);
        var r3 = registered(p);
        var r4 = registered(UUID.randomUUID());
        List<String> calls = new ArrayList<>();

        BatchEventHandler handler = BatchEventHandler.inRuns(ParticipantRegistered.class,
                run -> calls.add("run" + run.stream().map(e -> ids(e, r1, r2, r3, r4)).toList()),
                event -> calls.add("one " + event.type()));
        handler.handle(List.of(r1, r2, update, r3, r4));

        assertThat(calls).containsExactly("run[r1, r2]", "one " + update.type(), "run[r3, r4]");
    }

    @Test
    void a_batch_without_the_type_goes_one_by_one_and_one_of_only_the_type_is_one_run() {
        List<String> calls = new ArrayList<>();
        BatchEventHandler handler = BatchEventHandler.inRuns(ParticipantRegistered.class,
                run -> calls.add("run of " + run.size()), event -> calls.add("one"));
        UUID p = UUID.randomUUID();
        handler.handle(List.of(updated(p), updated(p)));
        handler.handle(List.of(registered(p), registered(p), registered(p)));
        assertThat(calls).containsExactly("one", "one", "run of 3");
    }

    private static String ids(EventEnvelope<ParticipantRegistered> e, EventEnvelope<?>... known) {
        for (int i = 0; i < known.length; i++) {
            if (known[i].eventId().equals(e.eventId())) {
                return "r" + (i + 1);
            }
        }
        return "?";
    }

    private static EventEnvelope<DomainEvent> registered(UUID participant) {
        Instant now = Instant.now();
        return EventEnvelope.of(new ParticipantRegistered("sealed", "sealed", "hash", "31", "3174", "Jakarta",
                LocalDate.of(1990, 1, 1), Sex.FEMALE, "a@example.id", "+6281200000000", "Siti", Education.SMA_SMK,
                JobStatus.JOB_SEEKER, now), participant, UUID.randomUUID(), null, now);
    }

    private static EventEnvelope<DomainEvent> updated(UUID participant) {
        Instant now = Instant.now();
        return EventEnvelope.of(new ParticipantProfileUpdated(Map.of("phone", "+6281299999999"), now), participant,
                UUID.randomUUID(), null, now);
    }
}
