package dev.fmnist.ingest.service;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.Rejection;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The core's Kafka ports in memory: topics as lists of records, announcements and rejections kept in order, and a
 * log of every call so a test can see what happened in which order. A publication can be made to fail.
 */
final class FakeKafka implements SplitTopics, RecordPublisher, SplitReader, DatasetAnnouncer {

    final Map<String, List<ProducerRecord<String, byte[]>>> topics = Collections.synchronizedMap(new LinkedHashMap<>());
    final List<DatasetReady> announced = Collections.synchronizedList(new ArrayList<>());
    final List<Rejection> rejected = Collections.synchronizedList(new ArrayList<>());
    final List<String> log;
    /** Publications fail after this many records (negative: never). */
    volatile long failAfter = -1;

    /** @param log where every call is written, e.g. {@code publish <topic> <count>} */
    FakeKafka(List<String> log) {
        this.log = log;
    }

    @Override
    public void prepare(List<String> names) {
        names.forEach(name -> topics.computeIfAbsent(name, n -> Collections.synchronizedList(new ArrayList<>())));
        log.add("prepare " + names);
    }

    @Override
    public long publish(Iterator<ProducerRecord<String, byte[]>> records, ProgressMeter progress, double rate) {
        long sent = 0;
        String topic = null;
        while (records.hasNext()) {
            ProducerRecord<String, byte[]> record = records.next();
            topic = record.topic();
            if (sent == failAfter) {
                log.add("failed " + topic);
                throw new PublishException("broker gone after " + sent + " records", null);
            }
            List<ProducerRecord<String, byte[]>> target = topics.get(topic);
            if (target == null) {
                throw new PublishException("topic " + topic + " does not exist", null);
            }
            target.add(record);
            sent++;
        }
        log.add("publish " + topic + " " + sent);
        progress.finish(sent);
        return sent;
    }

    @Override
    public SortedMap<String, byte[]> readAll(String topic) {
        List<ProducerRecord<String, byte[]>> records = topics.get(topic);
        if (records == null) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        SortedMap<String, byte[]> latest = new TreeMap<>();
        synchronized (records) {
            records.forEach(r -> latest.put(r.key(), r.value()));
        }
        return latest;
    }

    @Override
    public void announce(DatasetReady ready) {
        announced.add(ready);
        log.add("announce " + ready.datasetId());
    }

    @Override
    public void reject(List<Rejection> rejections) {
        rejected.addAll(rejections);
        log.add("reject " + rejections.size());
    }

    /** @return the records of {@code topic}, in publishing order */
    List<ProducerRecord<String, byte[]>> records(String topic) {
        return List.copyOf(topics.getOrDefault(topic, List.of()));
    }
}
