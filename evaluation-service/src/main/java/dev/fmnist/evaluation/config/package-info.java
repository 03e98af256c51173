/** Typed configuration of the evaluation service ({@code evaluation.*} keys). */
package dev.fmnist.evaluation.config;
