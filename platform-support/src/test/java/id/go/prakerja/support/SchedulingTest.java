package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import id.go.prakerja.testsupport.PlatformIntegrationTest;

/** A worker busy for minutes (a million wave notices) does not stop the short jobs (the wave clock). */
@PlatformIntegrationTest
class SchedulingTest {

    @Autowired
    SupportTestApplication.Jobs jobs;

    @Test
    void a_long_running_worker_does_not_starve_the_clock() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        jobs.holdWorker = hold;
        try {
            assertThat(jobs.workerBusy.await(10, TimeUnit.SECONDS)).as("the worker is busy").isTrue();
            long ticks = jobs.clockTicks.get();
            await().atMost(Duration.ofSeconds(5)).until(() -> jobs.clockTicks.get() >= ticks + 10);
        } finally {
            hold.countDown();
        }
    }
}
