package dev.fmnist.evaluation.leadership;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.evaluation.config.EvaluationConfig;
import dev.fmnist.evaluation.service.BookSync;
import dev.fmnist.evaluation.service.CountStore;
import dev.fmnist.evaluation.service.EvaluationBook;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Which replica emits, and its book kept in step with the others'. The replica holding the {@link AdvisoryLock} is
 * the emitter: before taking due snapshots it brings its book up to date with what every replica counted
 * ({@link #syncBook()}; the first time after taking the lock also with the last published snapshots, so it continues
 * where the last emitter stopped). The others never publish; they count their partitions and {@link #follow()} the
 * store, so their REST reads and event stream show the emitter's figures. One replica alone takes the lock at start
 * (the bean is created at start and tries at once) and behaves as before.
 */
@Startup
@Singleton
public class Leadership {

    private final AdvisoryLock lock;
    private final BookSync sync;
    private long syncedTerm;

    /** The application's: its own connection to the service's database, the book's store. */
    @Inject
    public Leadership(
            EvaluationConfig config,
            CountStore store,
            EvaluationBook book,
            Clock clock,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this(
                new AdvisoryLock(
                        lockConnections(url, user, password),
                        config.leadership().lockKey()),
                new BookSync(store, book, clock, config.window().size()));
        lock.refresh();
    }

    /** A leadership of the given lock over the given sync. */
    public Leadership(AdvisoryLock lock, BookSync sync) {
        this.lock = lock;
        this.sync = sync;
    }

    private static AdvisoryLock.Connections lockConnections(
            String url, Optional<String> user, Optional<String> password) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        user.ifPresent(source::setUser);
        password.ifPresent(source::setPassword);
        source.setApplicationName("fmnist-evaluation-emitter-lock");
        source.setTcpKeepAlive(true);
        source.setConnectTimeout(5);
        source.setSocketTimeout(10);
        return source::getConnection;
    }

    /** @return whether this replica emits (it held the lock at its last refresh) */
    public boolean isLeader() {
        return lock.isLeader();
    }

    /** @return {@code leader} or {@code follower} */
    public String role() {
        return isLeader() ? "leader" : "follower";
    }

    /** @return the advisory lock's key */
    public long lockKey() {
        return lock.key();
    }

    /** Tries to take the lock (the emitter: checks it still holds it). */
    public boolean contend() {
        return lock.refresh();
    }

    /**
     * The emitter, before taking due snapshots: reads the models another replica counted since the book's last
     * look; right after taking the lock also the snapshots the last emitter published.
     */
    public synchronized void syncBook() {
        long term = lock.term();
        sync.sync(term != syncedTerm);
        syncedTerm = term;
    }

    /** @return a replica that does not emit: the snapshots published since its last look, after bringing its book up */
    public List<Evaluation> follow() {
        return sync.sync(true);
    }

    /** Gives the lock up, so another replica takes over at its next try rather than after the connection times out. */
    @PreDestroy
    public void close() {
        lock.close();
    }
}
