package dev.fmnist.training.service;

/** No job or model with the id asked for; the message says which ({@code no job <id>}, {@code no model <id>}). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }

    public static NotFoundException job(String jobId) {
        return new NotFoundException("no job " + jobId);
    }

    public static NotFoundException model(String modelId) {
        return new NotFoundException("no model " + modelId);
    }
}
