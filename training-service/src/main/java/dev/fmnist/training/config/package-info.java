/** Typed configuration of the training-service ({@code fmnist.training.*}). */
package dev.fmnist.training.config;
