package id.go.prakerja.events;

import id.go.prakerja.events.training.TrainingCompletionReconciled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    /** The TrainingCompletionReconciled sample, edited. */
    private static byte[] sampleWith(Consumer<ObjectNode> edit) {
        ObjectNode doc = (ObjectNode) PLAIN.readTree(Samples.of("TrainingCompletionReconciled"));
        edit.accept(doc);
        return PLAIN.writeValueAsBytes(doc);
    }

    private static ObjectNode payload(ObjectNode doc) {
        return (ObjectNode) doc.get("payload");
    }

    @Test
    void the_wire_shape_is_the_envelope_fields_then_the_payload() {
        JsonNode written = PLAIN.readTree(EventJson.write(EventJson.read(sampleWith(doc -> { })).orElseThrow()));

        assertThat(written.propertyNames()).containsExactly("eventId", "type", "version", "occurredAt",
                "participantId", "correlationId", "causationId", "payload");
    }

    @Test
    void dates_are_written_as_iso_8601_strings_never_timestamps() {
        String json = EventJson.writeString(EventJson.read(Samples.of("ParticipantRegistered")).orElseThrow());

        assertThat(json).contains("\"occurredAt\":\"2020-04-11T02:15:00Z\"",
                "\"birthDate\":\"1994-08-17\"", "\"registeredAt\":\"2020-04-11T02:15:00Z\"");
    }

    @Test
    void unknown_fields_are_ignored() {
        byte[] json = sampleWith(doc -> {
            doc.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            payload(doc).put("reviewLanguage", "id");
        });

        assertThat(EventJson.read(json)).get()
                .extracting(EventEnvelope::payload)
                .isInstanceOf(TrainingCompletionReconciled.class);
    }

    @Test
    void an_unknown_type_is_skipped() {
        assertThat(EventJson.read(sampleWith(doc -> doc.put("type", "CertificateRevoked")))).isEmpty();
    }

    @Test
    void a_missing_causation_id_reads_as_none() {
        EventEnvelope<DomainEvent> envelope = EventJson.read(sampleWith(doc -> doc.remove("causationId"))).orElseThrow();

        assertThat(envelope.causationId()).isNull();
    }

    @Test
    void bytes_that_are_not_json_are_refused() {
        for (String notJson : List.of("", "{\"eventId\":", "Rp600.000", "null", "[]")) {
            assertThatThrownBy(() -> EventJson.read(notJson.getBytes(StandardCharsets.UTF_8)))
                    .as(notJson)
                    .isInstanceOf(MalformedEventException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "type", "version", "occurredAt", "participantId", "correlationId", "payload"})
    void a_missing_envelope_field_is_refused(String field) {
        assertThatThrownBy(() -> EventJson.read(sampleWith(doc -> doc.remove(field))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(field);
    }

    @Test
    void an_envelope_field_of_the_wrong_shape_is_refused() {
        assertThatThrownBy(() -> EventJson.read(sampleWith(doc -> doc.put("eventId", "not-a-uuid"))))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.read(sampleWith(doc -> doc.put("version", "one"))))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void a_payload_that_breaks_a_record_invariant_is_refused() {
        assertThatThrownBy(() -> EventJson.read(sampleWith(doc -> payload(doc).put("rating", 6))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("rating");
    }

    @Test
    void a_payload_missing_a_field_is_refused() {
        assertThatThrownBy(() -> EventJson.read(sampleWith(doc -> payload(doc).remove("certificateNumber"))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("certificateNumber");
        assertThatThrownBy(() -> EventJson.read(sampleWith(doc -> payload(doc).remove("firstTraining"))))
                .as("a missing boolean is not false")
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void an_unknown_enum_constant_is_refused() {
        assertThatThrownBy(() -> EventJson.read(sampleWith(doc -> {
            doc.put("type", "PayoutAccountRejected");
            doc.set("payload", PLAIN.readTree(
                    "{\"linkId\":\"0d4e6f8a-9b1c-4d2e-8f3a-5b6c7d8e9f01\",\"reasonCode\":\"BLOCKED\","
                            + "\"rejectedAt\":\"2020-04-26T01:05:42Z\"}"));
        }))).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void peek_reads_the_header_even_when_the_payload_is_broken() {
        byte[] json = sampleWith(doc -> payload(doc).put("rating", 6));

        EnvelopeHeader header = EventJson.peek(json);

        assertThat(header.type()).isEqualTo("TrainingCompletionReconciled");
        assertThat(header.eventId()).isEqualTo(UUID.fromString(PLAIN.readTree(json).get("eventId").asString()));
        assertThat(header.participantId()).isEqualTo(UUID.fromString("5f0c2a8e-1b7d-4c3e-9a61-2d8f4b7e0c19"));
    }

    @Test
    void peek_refuses_what_has_no_header() {
        assertThatThrownBy(() -> EventJson.peek("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.peek(sampleWith(doc -> doc.remove("eventId"))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("eventId");
    }
}
