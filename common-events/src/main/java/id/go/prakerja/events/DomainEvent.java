package id.go.prakerja.events;

/**
 * Marker for every event payload record. Every implementation must be registered in
 * {@link EventTypes}.
 *
 * <p>Evolution: fields are only ever added, never renamed or removed. An added field must be a
 * reference type that tolerates {@code null}, because documents written before it existed do not
 * carry it (a missing primitive fails to bind).
 */
public interface DomainEvent {
}
