package id.go.prakerja.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ahead-of-time cache a service starts on: made by a real JDK training run, never from a failed one. */
class AheadOfTimeCacheTest {

    private static final List<String> OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @TempDir
    Path directory;
    private Path log;

    /** Stands in for a service: exits 0, or 1 when its first argument says "fail", as a context that failed does. */
    public static final class Subject {
        public static void main(String[] args) {
            System.exit(args.length > 0 && args[0].equals("fail") ? 1 : 0);
        }
    }

    @BeforeEach
    void jdkWithCaches() {
        assumeTrue(AheadOfTimeCache.supported(), "ahead-of-time caches need JDK 25 or later");
        log = directory.resolve("training.log");
    }

    @Test
    void a_training_run_that_ends_well_makes_the_cache_the_next_start_uses() throws Exception {
        Path jar = subjectJar();
        AheadOfTimeCache cache = new AheadOfTimeCache(jar, OPTIONS);
        assertThat(cache.startOptions()).isEmpty();

        assertThat(cache.train(List.of("--server.port=8081"), log)).as(Files.readString(log)).isTrue();

        assertThat(cache.exists()).isTrue();
        assertThat(cache.startOptions()).singleElement().asString().startsWith("-XX:AOTCache=" + jar);
        assertThat(Files.readString(log)).contains("training run ended with code 0");
        // nothing of the training left beside it but the cache
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.contains(".aot")).toList()).hasSize(1);
        }
    }

    @Test
    void a_training_run_whose_service_failed_makes_no_cache() throws Exception {
        AheadOfTimeCache cache = new AheadOfTimeCache(subjectJar(), OPTIONS);

        assertThat(cache.train(List.of("fail"), log)).isFalse();

        assertThat(cache.exists()).isFalse();
        assertThat(cache.startOptions()).isEmpty();
    }

    @Test
    void another_jvm_or_other_options_need_a_cache_of_their_own() throws Exception {
        Path jar = subjectJar();
        AheadOfTimeCache cache = new AheadOfTimeCache(jar, OPTIONS);
        assertThat(cache.train(List.of(), log)).isTrue();

        AheadOfTimeCache otherOptions = new AheadOfTimeCache(jar, List.of("-Xmx128m", "-XX:+UseSerialGC"));
        assertThat(otherOptions.exists()).isFalse();
        assertThat(otherOptions.train(List.of(), log)).isTrue();
        // training for the new options removed the cache the old ones can no longer use
        assertThat(cache.exists()).isFalse();
    }

    @Test
    void a_cancelled_training_makes_no_cache() throws Exception {
        AheadOfTimeCache cache = new AheadOfTimeCache(subjectJar(), OPTIONS);
        cache.cancel();

        assertThat(cache.train(List.of(), log)).isFalse();
        assertThat(cache.exists()).isFalse();
    }

    private Path subjectJar() throws IOException {
        Path jar = directory.resolve("subject.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Subject.class.getName());
        String entry = Subject.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                InputStream in = Subject.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
