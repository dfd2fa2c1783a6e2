package id.go.prakerja.support.inbox;

import java.util.List;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;

/**
 * What a service does with the new events of one polled batch, in the order they were read;
 * runs inside the one transaction that records them all as processed. Events already processed
 * (redeliveries) and events of unknown types are not passed. Must have exactly the effect of
 * handling the events one by one in that order.
 */
@FunctionalInterface
public interface BatchEventHandler {

    void handle(List<EventEnvelope<DomainEvent>> events);
}
