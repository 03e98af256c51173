/**
 * Plain evaluation logic, testable without Quarkus: decoding and sorting a batch of prediction records
 * ({@link dev.fmnist.evaluation.service.PredictionIntake}), per-model cumulative and sliding-window state
 * ({@link dev.fmnist.evaluation.service.ModelEvaluation}, {@link dev.fmnist.evaluation.service.RecentWindow}),
 * when to emit ({@link dev.fmnist.evaluation.service.EmissionPolicy}), and the book of all models
 * ({@link dev.fmnist.evaluation.service.EvaluationBook}). Durable counting sits behind
 * {@link dev.fmnist.evaluation.service.CountStore}. What the model registry says of each model (newest event wins)
 * is {@link dev.fmnist.evaluation.service.ModelRegistry}, stored behind {@link dev.fmnist.evaluation.service.ModelStore};
 * {@link dev.fmnist.evaluation.service.ModelOverview} puts it beside the live figures. Training curves from
 * {@code fmnist.training.progress} are checked by {@link dev.fmnist.evaluation.service.ProgressIntake} and kept once per
 * record by {@link dev.fmnist.evaluation.service.ProgressLog}, stored behind
 * {@link dev.fmnist.evaluation.service.ProgressStore}. Cell samples: the newest K
 * counted predictions of each confusion-matrix cell ({@link dev.fmnist.evaluation.service.SampleSelection}, kept behind
 * {@link dev.fmnist.evaluation.service.SampleStore} in the counting transaction) and the input images' pixels they
 * show ({@link dev.fmnist.evaluation.service.ImageArchive}, behind {@link dev.fmnist.evaluation.service.ImageStore}).
 */
package dev.fmnist.evaluation.service;
