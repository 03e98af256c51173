package dev.fmnist.evaluation.config;

import dev.fmnist.evaluation.alerts.DriftMonitor;
import dev.fmnist.evaluation.service.CountStore;
import dev.fmnist.evaluation.service.EmissionPolicy;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.service.ImageArchive;
import dev.fmnist.evaluation.service.ImageStore;
import dev.fmnist.evaluation.service.ModelRegistry;
import dev.fmnist.evaluation.service.ModelStore;
import dev.fmnist.evaluation.service.PredictionCounter;
import dev.fmnist.evaluation.service.SampleStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Builds the plain service objects from the configuration; the book starts from the state stored in PostgreSQL. */
public class ServiceBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    EmissionPolicy emissionPolicy(EvaluationConfig config) {
        return new EmissionPolicy(
                config.emit().everyPredictions(),
                config.emit().maxDelay(),
                config.emit().quietAfter());
    }

    @Produces
    @Singleton
    EvaluationBook evaluationBook(EmissionPolicy policy, EvaluationConfig config, CountStore store, Clock clock) {
        EvaluationBook book = new EvaluationBook(policy, config.window().size());
        var states = store.loadAll(config.window().size());
        book.restore(states, clock.instant());
        Log.infof(
                "Restored the evaluation state of %d model(s): %s",
                states.size(),
                states.stream().map(s -> s.modelId() + "=" + total(s.counts())).toList());
        return book;
    }

    @Produces
    @Singleton
    PredictionCounter predictionCounter(
            CountStore store,
            EvaluationBook book,
            Clock clock,
            SampleStore samples,
            EvaluationConfig config,
            DriftMonitor drift) {
        return new PredictionCounter(
                store, book, clock, samples, config.samples().perCell(), drift);
    }

    @Produces
    @Singleton
    ImageArchive imageArchive(ImageStore store, EvaluationConfig config) {
        return new ImageArchive(store, config.samples().keepImages());
    }

    @Produces
    @Singleton
    ModelRegistry modelRegistry(ModelStore store) {
        ModelRegistry registry = new ModelRegistry(store);
        Log.infof("Restored the registry entries of %d model(s)", registry.all().size());
        return registry;
    }

    private static long total(long[][] counts) {
        long total = 0;
        for (long[] row : counts) {
            for (long cell : row) {
                total += cell;
            }
        }
        return total;
    }
}
