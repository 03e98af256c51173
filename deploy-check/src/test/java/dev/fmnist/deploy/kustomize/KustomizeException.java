package dev.fmnist.deploy.kustomize;

/** A kustomization that cannot be rendered, or that uses a feature {@link Kustomize} does not support. */
public final class KustomizeException extends RuntimeException {

    public KustomizeException(String message) {
        super(message);
    }
}
