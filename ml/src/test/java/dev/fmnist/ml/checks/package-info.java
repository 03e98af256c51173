/**
 * Correctness checks of the DL4J engine (issue 14), each a few seconds of CPU:
 * <ul>
 *   <li>{@link dev.fmnist.ml.checks.CnnGradientCheckTest}: the cnn's conv (no bias) → batch norm → ReLU → max-pool
 *       (7→3 included) → dense (no bias) → batch norm → softmax/cross-entropy stack, built by the architecture itself,
 *       backpropagates the numerical gradient (double precision) for one-hot and label-smoothed targets, every
 *       parameter array checked; the FLOAT/oneDNN path training runs gives the same gradients.</li>
 *   <li>{@link dev.fmnist.ml.checks.OneCycleScheduleTest}: the one-cycle learning rate and momentum start, peak and
 *       end where they say, along half cosines, strictly monotone in each phase, survive the model file's JSON, and
 *       end on the trainer's last batch.</li>
 *   <li>{@link dev.fmnist.ml.checks.OverfitTest}: an MLP trained through the trainer memorises 500 fixture images
 *       (≥ 99% training accuracy), so labels, images, normalisation and loss reach the weights together.</li>
 *   <li>{@link dev.fmnist.ml.checks.ReproducibilityTest}: a fixed seed retrains the cnn recipe bit for bit (losses,
 *       validation matrix, weights) on the same OpenMP thread count; another seed gives another model.</li>
 * </ul>
 * Run them alone with {@code ./mvnw -o -q -pl ml -am verify -Dtest='dev/fmnist/ml/checks/**'
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
package dev.fmnist.ml.checks;
