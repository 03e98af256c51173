package dev.fmnist.inference.model;

/**
 * What the model registry (training-service, {@code GET /models?status=PRODUCTION}) itself records about a model
 * version: the only source of the checksum a model file is verified against.
 *
 * @param modelId        registry id
 * @param name           registry name
 * @param version        version number
 * @param architecture   architecture it was trained with
 * @param status         its status in the registry ({@code PRODUCTION}, ...)
 * @param artifactSha256 SHA-256 of its model file, as the registry stored it
 * @param artifactSize   bytes of its model file as the registry stored it (0 when not said)
 */
public record RegistryRecord(
        String modelId,
        String name,
        int version,
        String architecture,
        String status,
        String artifactSha256,
        long artifactSize) {}
