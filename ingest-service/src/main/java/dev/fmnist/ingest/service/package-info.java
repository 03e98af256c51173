/** Ingest, catalog and replay logic: what is published where, when a dataset is ready, and how ids are formed. */
package dev.fmnist.ingest.service;
