/**
 * HTTP API on port 8084: latest evaluation per model, one model's latest and its history, and a server-sent-event
 * stream of new evaluations ({@link dev.fmnist.evaluation.rest.EvaluationStream} is the seam between the publisher
 * and the stream's clients).
 */
package dev.fmnist.evaluation.rest;
