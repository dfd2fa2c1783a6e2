package id.go.prakerja.support.config;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Two schedulers, so that a worker busy for minutes (a million wave notices, a partner
 * backlog, a large purge) never delays a short, time-critical job (the wave clock):
 * {@code taskScheduler} runs every {@code @Scheduled} method by default; long-running
 * workers name {@link #WORKERS} ({@code @Scheduled(scheduler = PlatformSchedulers.WORKERS)}).
 */
public final class PlatformSchedulers {

    public static final String DEFAULT = "taskScheduler";
    public static final String WORKERS = "platformWorkerScheduler";

    private PlatformSchedulers() {
    }

    static ThreadPoolTaskScheduler scheduler(String threadPrefix, int threads) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(threads);
        scheduler.setThreadNamePrefix(threadPrefix);
        // as Boot's own scheduler: shutdown does not wait for a run in progress. Every worker
        // claims its work with a lease, so an interrupted run is taken up again after a restart.
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        return scheduler;
    }
}
