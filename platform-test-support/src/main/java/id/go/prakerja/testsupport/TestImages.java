package id.go.prakerja.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Small, valid image files for upload tests. */
public final class TestImages {

    private TestImages() {
    }

    /**
     * A JPEG: the start-of-image marker, a comment segment carrying {@code comment} (the face-match
     * simulator reads {@code NOMATCH} / {@code UNSURE} there), filler bytes derived from the comment,
     * and the end-of-image marker. Equal comments give equal files.
     */
    public static byte[] jpeg(String comment, int fillerBytes) {
        byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
        if (text.length > 60_000) {
            throw new IllegalArgumentException("comment too long for one JPEG segment");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int segment = text.length + 2;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xFE, (byte) (segment >> 8), (byte) segment});
        out.writeBytes(text);
        byte[] filler = new byte[fillerBytes];
        new Random(comment.hashCode()).nextBytes(filler);
        out.writeBytes(filler);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }
}
