/** The service's typed configuration ({@code fmnist.ingest.*}). */
package dev.fmnist.ingest.config;
