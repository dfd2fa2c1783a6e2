package id.go.prakerja.events;

import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutPartner;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeRoundTripTest {

    @Property
    void any_disbursement_request_round_trips(@ForAll("disbursementRequests") EventEnvelope<DisbursementRequested> envelope) {
        assertThat(EventJson.read(EventJson.write(envelope))).contains(upcast(envelope));
    }

    @Property
    void any_selection_round_trips(@ForAll("selections") EventEnvelope<ParticipantSelected> envelope) {
        assertThat(EventJson.read(EventJson.write(envelope))).contains(upcast(envelope));
    }

    @SuppressWarnings("unchecked")
    private static EventEnvelope<DomainEvent> upcast(EventEnvelope<? extends DomainEvent> envelope) {
        return (EventEnvelope<DomainEvent>) envelope;
    }

    @Provide
    Arbitrary<EventEnvelope<DisbursementRequested>> disbursementRequests() {
        Arbitrary<DisbursementRequested> payload = Arbitraries.of(IncentiveKind.class).flatMap(kind -> Combinators.combine(
                text(), Arbitraries.integers().between(1, kind.maxSequence()), Arbitraries.longs().between(1, 10_000_000_000L),
                Arbitraries.of(PayoutPartner.class), text())
                .as((id, sequence, amount, partner, account) ->
                        new DisbursementRequested(id, kind, sequence, amount, partner, account)));
        return envelopes(payload);
    }

    @Provide
    Arbitrary<EventEnvelope<ParticipantSelected>> selections() {
        Arbitrary<ParticipantSelected> payload = Combinators.combine(
                Arbitraries.integers().between(1, 1_000), Arbitraries.strings().numeric().ofLength(16),
                Arbitraries.longs().between(1, Long.MAX_VALUE), instants())
                .as(ParticipantSelected::new);
        return envelopes(payload);
    }

    private static <T extends DomainEvent> Arbitrary<EventEnvelope<T>> envelopes(Arbitrary<T> payloads) {
        return Combinators.combine(uuids(), instants(), uuids(), uuids(), uuids().injectNull(0.3), payloads)
                .as((eventId, occurredAt, participantId, correlationId, causationId, payload) -> {
                    EventType type = EventTypes.of(payload.getClass());
                    return new EventEnvelope<>(eventId, type.name(), type.version(), occurredAt,
                            participantId, correlationId, causationId, payload);
                });
    }

    private static Arbitrary<UUID> uuids() {
        return Arbitraries.randomValue(random -> new UUID(random.nextLong(), random.nextLong()));
    }

    private static Arbitrary<Instant> instants() {
        return Combinators.combine(
                        Arbitraries.longs().between(Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
                                Instant.parse("2100-01-01T00:00:00Z").getEpochSecond()),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    /** Non-blank printable text, quotes and backslashes included, plus some non-ASCII. */
    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('!', '~').withCharRange('À', 'ÿ').ofMinLength(1).ofMaxLength(40);
    }
}
