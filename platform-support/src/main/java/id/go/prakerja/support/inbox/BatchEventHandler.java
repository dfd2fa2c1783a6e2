package id.go.prakerja.support.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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

    /**
     * Hands each run of consecutive events of {@code type} to {@code run} at once (one write for many
     * participants), and every other event to {@code one}, in the batch's order. Handling a run as a
     * whole must have the effect of handling its events one by one; as runs never cross an event of
     * another type, an event that follows another of the same participant still sees its effect.
     */
    static <T extends DomainEvent> BatchEventHandler inRuns(Class<T> type, Consumer<List<EventEnvelope<T>>> run,
            EventHandler one) {
        return events -> {
            List<EventEnvelope<T>> pending = new ArrayList<>();
            for (EventEnvelope<DomainEvent> event : events) {
                if (type.isInstance(event.payload())) {
                    pending.add(event.as(type));
                    continue;
                }
                if (!pending.isEmpty()) {
                    run.accept(List.copyOf(pending));
                    pending.clear();
                }
                one.handle(event);
            }
            if (!pending.isEmpty()) {
                run.accept(List.copyOf(pending));
            }
        };
    }
}
