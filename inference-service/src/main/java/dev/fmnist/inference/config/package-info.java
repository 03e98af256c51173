/** Typed configuration of the inference-service ({@code inference.*}) and the wiring of its plain classes. */
package dev.fmnist.inference.config;
