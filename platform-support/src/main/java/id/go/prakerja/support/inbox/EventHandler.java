package id.go.prakerja.support.inbox;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;

/** What a service does with one event; runs inside the transaction that records it as processed. */
@FunctionalInterface
public interface EventHandler {

    void handle(EventEnvelope<DomainEvent> event);
}
