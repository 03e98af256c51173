/** HTTP API: jobs ({@code /jobs}), the model registry ({@code /models}), architectures and datasets. */
package dev.fmnist.training.rest;
