package dev.fmnist.testing.archsamples.bad.persistence;

import dev.fmnist.testing.archsamples.bad.service.Core;

/** An adapter that also uses the core: together with {@link Core} a cycle. */
public class Store {
    public int rows() {
        return new Core().hashCode();
    }
}
