package id.go.prakerja.training.catalogue;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The version of what catalogue search shows. Whoever changes a training or a platform as
 * participants see them (the feed, an approval or suspension, a price, a rating or review count)
 * calls {@link #changed()}; the version moves once the change is committed, so a search that
 * read the old rows before the commit is filed under the old version and never served again.
 */
@Component
public class CatalogueChanges {

    private final AtomicLong version = new AtomicLong();

    public long version() {
        return version.get();
    }

    /** The catalogue changed: in a transaction, once it commits; otherwise now. */
    public void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    // a rollback changed nothing, but moving on costs one page of misses: simpler than not
                    version.incrementAndGet();
                }
            });
        } else {
            version.incrementAndGet();
        }
    }
}
