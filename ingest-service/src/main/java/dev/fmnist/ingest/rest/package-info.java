/** The HTTP API on port 8081: ingest, list, describe and replay datasets. */
package dev.fmnist.ingest.rest;
