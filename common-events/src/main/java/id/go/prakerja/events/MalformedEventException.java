package id.go.prakerja.events;

/** The bytes are not an event document of this catalogue: not JSON, envelope incomplete, or payload invalid. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
