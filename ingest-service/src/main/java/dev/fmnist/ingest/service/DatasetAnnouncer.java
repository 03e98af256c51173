package dev.fmnist.ingest.service;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.Rejection;

import java.util.List;

/**
 * The low-volume announcements (a port: {@code messaging} implements it): datasets ready on
 * {@code fmnist.datasets}, refused source rows on {@code fmnist.rejected}. Both return once acknowledged.
 */
public interface DatasetAnnouncer {

    /** Announces a dataset that is fully published. */
    void announce(DatasetReady ready);

    /** Publishes every rejection. */
    void reject(List<Rejection> rejections);
}
