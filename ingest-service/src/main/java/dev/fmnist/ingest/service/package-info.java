/**
 * The core: ingest and replay logic (what is published where, when a dataset is ready, how ids are formed) and the
 * ports it needs from the outside, implemented by the adapters: {@link dev.fmnist.ingest.service.DatasetStore}
 * ({@code persistence}), {@link dev.fmnist.ingest.service.SplitTopics},
 * {@link dev.fmnist.ingest.service.RecordPublisher}, {@link dev.fmnist.ingest.service.SplitReader} and
 * {@link dev.fmnist.ingest.service.DatasetAnnouncer} ({@code messaging}). Imports no adapter.
 */
package dev.fmnist.ingest.service;
