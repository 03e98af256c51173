package dev.fmnist.contracts.api.training;

/**
 * An architecture jobs can name ({@code GET /architectures}).
 *
 * @param name        the name jobs use
 * @param description one line
 * @param inputLayout FLAT or IMAGE
 */
public record Architecture(String name, String description, String inputLayout) {}
