/** Health checks beyond the Kafka connector's own: the model registry follower and the serving model. */
package dev.fmnist.inference.health;
