package id.go.prakerja.testsupport;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Awaitility's defaults for every test JVM that has this module on its class path (registered in
 * {@code META-INF/services}): a condition is checked at once, then every 100 ms as before.
 * Awaitility's own default waits one poll interval before the first check, so each of the
 * thousands of {@code await().until(...)} calls, most of them already true or nearly so, paid
 * 100 ms for nothing. Only the first wait goes: an await still fails after its {@code atMost},
 * and an await that states its own {@code pollDelay} or {@code during} keeps it.
 */
public class AwaitDefaults implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
    }
}
