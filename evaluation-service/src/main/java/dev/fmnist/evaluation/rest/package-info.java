/**
 * HTTP API on port 8084: latest evaluation per model, one model's latest and its history, and a server-sent-event
 * stream of new evaluations ({@link dev.fmnist.evaluation.rest.EvaluationStream} is the seam between the publisher
 * and the stream's clients); every model's registry status and registered test accuracy beside its live accuracy,
 * and a stream of registry changes ({@link dev.fmnist.evaluation.rest.ModelStream}); the training progress of each
 * job and a stream of it ({@link dev.fmnist.evaluation.rest.ProgressStream}); the latest comparison of each model in
 * shadow with production ({@link dev.fmnist.evaluation.rest.ComparisonResource}).
 */
package dev.fmnist.evaluation.rest;
