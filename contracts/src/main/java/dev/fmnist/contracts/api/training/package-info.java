/**
 * The training-service's HTTP API as Java: the bodies of {@code /jobs}, {@code /models} and {@code /architectures}
 * (docs/contract.md). The service returns these records and keeps its jobs and model versions in them; a client
 * reads the same JSON.
 */
package dev.fmnist.contracts.api.training;
