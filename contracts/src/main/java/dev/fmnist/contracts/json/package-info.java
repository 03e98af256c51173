/** The one JSON mapping of contract messages, and its Kafka serializer. */
package dev.fmnist.contracts.json;
