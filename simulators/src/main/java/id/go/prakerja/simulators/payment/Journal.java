package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of JSON objects, one a line, that a simulated partner appends a change to as it makes it
 * (one {@code write} per line, so a killed process loses nothing it acknowledged) and reads back at
 * start. At start the file is also rewritten, compacted, to a temporary file that then replaces it
 * by an atomic rename: a crash during that leaves the old file whole. A line that does not parse
 * (the last one, cut short by a crash mid-write) is skipped.
 *
 * <p>Not thread-safe: its owner calls it under its own lock, so that the file's order is the order
 * of the changes.
 */
final class Journal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private final FileChannel channel;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Every entry the file holds, in order; none when there is no file. */
    static List<JsonNode> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<JsonNode> entries = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode entry = Json.mapper().readTree(line);
                if (entry != null && entry.isObject()) {
                    entries.add(entry);
                    continue;
                }
            } catch (JacksonException e) {
                // skipped below
            }
            log.warn("{} line {} is not a JSON object (cut short by a crash?); skipped", file, i + 1);
        }
        return entries;
    }

    /**
     * Replaces the file with exactly {@code entries} (temporary file, forced to disk, atomic rename)
     * and opens it for appending.
     */
    static Journal rewrite(Path file, List<?> entries) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temporary = dir.resolve(file.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                StringBuilder text = new StringBuilder();
                for (Object entry : entries) {
                    text.append(Json.writeString(entry)).append('\n');
                }
                ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Journal(file, FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Appends one entry as one line, in one write. */
    void append(Object entry) {
        ByteBuffer line = ByteBuffer.wrap((Json.writeString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Empties the file (a reset). */
    void clear() {
        try {
            channel.truncate(0);
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + file, e);
        }
    }

    @Override
    public void close() {
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            log.warn("cannot close {}: {}", file, e.toString());
        }
    }
}
