package id.go.prakerja.events;

/**
 * One entry of the catalogue: the wire name (the record's simple name), its schema version, the
 * record that carries it and the topic it is published on.
 */
public record EventType(String name, int version, Class<? extends DomainEvent> recordClass, String topic) {

    public EventType {
        Require.notBlank(name, "name");
        Require.that(version >= 1, "version must be >= 1");
        Require.notNull(recordClass, "recordClass");
        Require.that(Topics.ALL.contains(topic), "unknown topic " + topic);
    }
}
