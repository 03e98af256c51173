package dev.fmnist.ml.acceleration;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A copy of a layer's output from a training forward pass, kept (in the step's activation workspace) for the same
 * step's backward pass, so that the backward pass need not compute the pre-activation again: for ReLU the derivative
 * follows from the output's sign (output &gt; 0 exactly where the pre-activation is), the identity needs nothing.
 */
final class KeptOutput {

    private INDArray output;
    private INDArray input;

    /** @return whether the derivative of {@code activation} can be taken from a kept output */
    static boolean supports(IActivation activation) {
        return activation instanceof ActivationIdentity || new ActivationReLU().equals(activation);
    }

    /** After a forward pass: keeps a copy of {@code output} when training and the activation needs it. */
    void keep(boolean training, IActivation activation, INDArray output, INDArray input, LayerWorkspaceMgr mgr) {
        boolean needed = training && !(activation instanceof ActivationIdentity);
        this.output = needed ? mgr.dup(ArrayType.ACTIVATIONS, output) : null;
        this.input = needed ? input : null;
    }

    /**
     * Forgets the kept output and gives the gradient of the pre-activation.
     *
     * @param input the layer's input now (the kept output counts only for the input it was computed from)
     * @return {@code epsilon} times the activation's derivative, or null when the activation is not supported or
     *     no valid output is kept (the caller then takes DL4J's own backward pass)
     */
    INDArray delta(IActivation activation, INDArray input, INDArray epsilon) {
        INDArray kept = output;
        boolean valid = kept != null && this.input == input && kept.isInScope();
        output = null;
        this.input = null;
        if (activation instanceof ActivationIdentity) {
            return epsilon;
        }
        if (!valid || !supports(activation)) {
            return null;
        }
        // ReLU's backprop reads only the sign of its argument and overwrites it: the kept copy is ours to spend
        return activation.backprop(kept, epsilon).getFirst();
    }
}
