package dev.fmnist.testing.archsamples.bad.service;

import dev.fmnist.testing.archsamples.bad.persistence.Store;

/** A core that reaches into its adapter (what the rule refuses). */
public class Core {
    public int count(Store store) {
        return store.rows();
    }
}
