package dev.fmnist.training.service;

/** A job that cannot be accepted; the message starts with a rule code. */
public class JobRefusedException extends RuntimeException {

    private final boolean conflict;

    /**
     * @param reason   why
     * @param conflict true when the job id is already taken (409), false when the job is invalid (400)
     */
    public JobRefusedException(String reason, boolean conflict) {
        super(reason);
        this.conflict = conflict;
    }

    public boolean conflict() {
        return conflict;
    }
}
