/**
 * The whole-pipeline integration tests: the real platform, the four packaged services as separate processes, and the
 * demo's own flow (ingest, train, promote, replay, evaluate) on the real-image test fixture. {@code PipelineIT} checks
 * the happy path; {@code FaultToleranceIT} the same guarantees through crashes, outages and hostile records, with its
 * helpers {@code TopicRecorder} (what the pipeline wrote), {@code WaveOutcome} (what was lost or stuck),
 * {@code ReadinessReport}, {@code LivenessWatch}, {@code HostileRecord} and {@code BombPngs}.
 */
package dev.fmnist.pipeline;
