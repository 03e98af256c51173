package dev.fmnist.ingest.service;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.Iterator;

/** Publishes a stream of records in bulk (a port: {@code messaging} implements it). */
public interface RecordPublisher {

    /**
     * Sends every record and returns only when each is acknowledged.
     *
     * @param records  the records, in sending order
     * @param progress told the acknowledged counts
     * @param rate     records per second, or 0 for as fast as possible
     * @return the number of records sent and acknowledged
     * @throws PublishException when a send fails or is not acknowledged in time
     */
    long publish(Iterator<ProducerRecord<String, byte[]>> records, ProgressMeter progress, double rate);
}
