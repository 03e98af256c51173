/** Health checks of evaluation-service beyond the kit's outages: the emitter role of this replica. */
package dev.fmnist.evaluation.health;
