package id.go.prakerja.training.catalogue;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The version of what catalogue search shows. Whoever changes a training or a platform as
 * participants see them (the feed, an approval or suspension, a price, a rating or review count)
 * calls {@link #changed()}; the version moves once the change is committed, so a search that
 * read the old rows before the commit is filed under the old version and never served again.
 * The shared version (table {@code catalogue_version}) moves too, after the commit, and every
 * instance reads it every {@code prakerja.training.catalogue.search-version-poll}: a change made
 * by another instance shows here within that. The read runs on a thread of its own
 * ({@link #SCHEDULER}): on the shared workers' pool it would wait behind a feed pull or a deadline
 * job for minutes, and search would serve another instance's old catalogue that long.
 */
@Component
public class CatalogueChanges {

    /** The single-thread scheduler of {@link #poll()} (threads named {@code catalogue-version-}). */
    public static final String SCHEDULER = "catalogueVersionScheduler";
    public static final String THREAD_PREFIX = "catalogue-version-";

    @Configuration(proxyBeanMethods = false)
    static class PollScheduler {
        @Bean(name = SCHEDULER)
        ThreadPoolTaskScheduler catalogueVersionScheduler() {
            ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
            scheduler.setPoolSize(1);
            scheduler.setThreadNamePrefix(THREAD_PREFIX);
            scheduler.setWaitForTasksToCompleteOnShutdown(false);
            return scheduler;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CatalogueChanges.class);

    private final JdbcTemplate jdbc;
    private final AtomicLong version = new AtomicLong();
    private volatile long shared = Long.MIN_VALUE;

    public CatalogueChanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long version() {
        return version.get();
    }

    /** The catalogue changed: in a transaction, once it has ended; otherwise now. */
    public void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    // a rollback changed nothing, but moving on only costs some misses: simpler than telling apart
                    moved();
                }
            });
        } else {
            moved();
        }
    }

    private void moved() {
        version.incrementAndGet();
        try {
            jdbc.update("update catalogue_version set version = version + 1 where id = 1");
        } catch (RuntimeException e) {
            // other instances then see the change when their kept pages age out (search-cache-ttl)
            log.warn("catalogue version not shared: {}", e.toString());
        }
    }

    /** Another instance's change: the shared version moved since last read. */
    @Scheduled(fixedDelayString = "${prakerja.training.catalogue.search-version-poll:1s}", scheduler = SCHEDULER)
    public void poll() {
        Long now = jdbc.queryForObject("select version from catalogue_version where id = 1", Long.class);
        if (now != null && now != shared) {
            if (shared != Long.MIN_VALUE) {
                version.incrementAndGet();
            }
            shared = now;
        }
    }
}
