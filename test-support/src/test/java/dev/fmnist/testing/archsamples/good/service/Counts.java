package dev.fmnist.testing.archsamples.good.service;

/** A port: the core says what it needs. */
public interface Counts {
    int rows();
}
