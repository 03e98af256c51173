package dev.fmnist.evaluation.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fmnist.contracts.json.JsonCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** HTTP responses use the contract's one JSON mapping, so the API serves exactly what the topic carries. */
public class JsonMapping {

    @Produces
    @Singleton
    ObjectMapper objectMapper() {
        return JsonCodec.mapper();
    }
}
