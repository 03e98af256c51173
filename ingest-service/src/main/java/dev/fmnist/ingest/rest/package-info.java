/**
 * The HTTP API on port 8081: ingest, list, describe and replay datasets. Calls the core and answers with the API
 * records of {@code dev.fmnist.contracts.api.ingest}.
 */
package dev.fmnist.ingest.rest;
