/** Typed configuration of the inference-service ({@code fmnist.inference.*}) and the wiring of its plain classes. */
package dev.fmnist.inference.config;
