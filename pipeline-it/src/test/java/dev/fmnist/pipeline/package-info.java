/**
 * The whole-pipeline integration test: the real platform, the four packaged services as separate processes, and the
 * demo's own flow (ingest, train, promote, replay, evaluate) on the real-image test fixture.
 */
package dev.fmnist.pipeline;
