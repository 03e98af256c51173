package dev.fmnist.training.service;

import java.util.function.BooleanSupplier;

/** Port: reads one dataset split from its topic ({@link SplitCollector} keeps what a job may train on). */
public interface SplitSource {

    /**
     * @param topic     the split's topic
     * @param cancelled polled between fetches
     * @return the split's images
     * @throws IllegalStateException when the topic does not exist or stops growing before its end
     * @throws dev.fmnist.ml.training.TrainingCancelledException when cancelled
     */
    LoadedSplit read(String topic, BooleanSupplier cancelled);
}
