package dev.fmnist.evaluation.bench;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.evaluation.persistence.JdbcCountStore;
import dev.fmnist.evaluation.service.BookSync;
import dev.fmnist.evaluation.service.EmissionPolicy;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.service.LabelledPrediction;
import dev.fmnist.platform.PlatformEndpoints;
import dev.fmnist.testing.SharedTestPlatform;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (its name keeps it out of the test run): labelled predictions counted per second by one and
 * by two counting instances over one real PostgreSQL (each its own half of the stream, in batches of 5,000, one
 * transaction each, as the service commits them), while an emitter's book syncs from the store every 250 ms. Run:
 * {@code ./mvnw -Pbench -pl evaluation-service -am verify -Dtest=SharedCountingBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SharedCountingBench {

    private static final int BATCH = 5_000;
    private static final int BATCHES = Integer.getInteger("bench.batches", 20);
    private static final int WINDOW = 1000;

    @Test
    void oneAndTwoCountingInstances() throws Exception {
        DataSource store = transactional(migrated());
        for (int round = 0; round < 2; round++) {
            for (int instances : new int[] {1, 2}) {
                run(store, instances);
            }
        }
    }

    private static void run(DataSource dataSource, int instances) throws Exception {
        String model = "shared-bench-" + UUID.randomUUID();
        List<List<LabelledPrediction>> batches = batches(model);
        EvaluationBook emitter =
                new EvaluationBook(new EmissionPolicy(1000, Duration.ofSeconds(5), Duration.ofSeconds(1)), WINDOW);
        BookSync sync = new BookSync(new JdbcCountStore(dataSource), emitter, Clock.systemUTC(), WINDOW);
        AtomicBoolean counting = new AtomicBoolean(true);
        Thread syncing = new Thread(() -> {
            while (counting.get()) {
                sync.sync(false);
                emitter.takeDue(Instant.now());
                sleep(250);
            }
        });
        syncing.start();
        List<Thread> counters = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < instances; i++) {
            int first = i;
            JdbcCountStore store = new JdbcCountStore(dataSource);
            EvaluationBook book =
                    new EvaluationBook(new EmissionPolicy(1000, Duration.ofSeconds(5), Duration.ofSeconds(1)), WINDOW);
            Thread counter = new Thread(() -> {
                for (int b = first; b < batches.size(); b += instances) {
                    book.apply(store.countNew(batches.get(b)), Instant.now());
                }
            });
            counters.add(counter);
            counter.start();
        }
        for (Thread counter : counters) {
            counter.join();
        }
        long end = System.nanoTime();
        counting.set(false);
        syncing.join();
        sync.sync(false);
        int total = BATCH * BATCHES;
        assertThat(emitter.count(model)).isEqualTo(total);
        System.out.printf(
                "BENCH shared-counting instances=%d predictions=%d counted_in=%.2fs rate=%.0f/s%n",
                instances, total, (end - start) / 1e9, total / ((end - start) / 1e9));
    }

    private static List<List<LabelledPrediction>> batches(String model) {
        Random random = new Random(42);
        Instant at = Instant.now();
        List<List<LabelledPrediction>> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            List<LabelledPrediction> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                int trueLabel = random.nextInt(FashionLabels.COUNT);
                int predicted = random.nextDouble() < 0.9 ? trueLabel : random.nextInt(FashionLabels.COUNT);
                batch.add(new LabelledPrediction(model, 1, model + "-" + b + "-" + i, trueLabel, predicted, at));
            }
            batches.add(batch);
        }
        return batches;
    }

    private static PGSimpleDataSource migrated() {
        PlatformEndpoints platform = SharedTestPlatform.get();
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(platform.jdbcUrl());
        source.setUser(platform.username());
        source.setPassword(platform.password());
        Flyway.configure()
                .dataSource(source)
                .schemas("evaluation")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return source;
    }

    /** Connections that run as one transaction each, committed on close (what the service's @Transactional does). */
    private static DataSource transactional(DataSource source) {
        ClassLoader loader = SharedCountingBench.class.getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            if (!method.getName().equals("getConnection")) {
                return invoke(method, source, args);
            }
            Connection connection = source.getConnection();
            connection.setAutoCommit(false);
            return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().equals("close")) {
                    connection.commit();
                    connection.close();
                    return null;
                }
                return invoke(m, connection, a);
            });
        });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
