/**
 * The work itself, without Quarkus: validate a batch of input records with the contract's rules, classify the
 * accepted ones in one forward pass of the serving model, and say which Prediction or Rejection each record gets;
 * plus the service's Micrometer meters.
 */
package dev.fmnist.inference.service;
