package id.go.prakerja.support;

import java.time.Instant;
import java.util.UUID;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.survey.SurveyCompleted;

/** Events for the test service: any catalogued type does, the handler only looks at the envelope. */
final class TestEvents {

    private TestEvents() {
    }

    static EventEnvelope<SurveyCompleted> event(UUID participant) {
        return EventEnvelope.of(new SurveyCompleted(1, Instant.now()), participant, UUID.randomUUID(), null, Instant.now());
    }

    static byte[] bytes(EventEnvelope<?> event) {
        return EventJson.write(event);
    }
}
