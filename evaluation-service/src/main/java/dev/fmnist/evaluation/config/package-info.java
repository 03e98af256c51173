/** Typed configuration of the evaluation service ({@code fmnist.evaluation.*} keys). */
package dev.fmnist.evaluation.config;
