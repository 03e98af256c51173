package dev.fmnist.testing.archsamples.good.persistence;

import dev.fmnist.testing.archsamples.good.service.Counts;

/** The adapter implements the core's port. */
public class Store implements Counts {
    @Override
    public int rows() {
        return 0;
    }
}
