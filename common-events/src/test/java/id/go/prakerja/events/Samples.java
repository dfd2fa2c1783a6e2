package id.go.prakerja.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The stable sample documents in src/test/resources/samples, one per event type. */
final class Samples {

    private Samples() {
    }

    /** @return null if the type has no sample */
    static byte[] of(String type) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + type + ".json")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
