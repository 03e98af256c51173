package dev.fmnist.evaluation.alerts;

import dev.fmnist.contracts.Alert;

/**
 * Port: where an alert goes when its condition changes. The state of each (type, model) is shared by every replica,
 * so an alert is raised (or cleared) once however many replicas find the condition.
 */
public interface AlertOutlet {

    /**
     * Stores and sends {@code alert} if it changes the state of its (type, model): RAISED when not raised, CLEARED
     * when raised; otherwise does nothing.
     *
     * @return whether it was stored and sent
     */
    boolean transition(Alert alert);
}
