package dev.fmnist.training.search;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.SearchSpec;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrialRef;
import dev.fmnist.training.search.SearchState.FoldState;
import dev.fmnist.training.search.SearchState.TrialState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SearchPlanAndRulesTest {

    private static final Instant T = Instant.parse("2026-12-02T01:00:00Z");

    private static TrainingJob search(Map<String, List<Object>> grid, int folds) {
        return new TrainingJob(
                "s1",
                "fashion-mnist",
                "mlp",
                2,
                64,
                0.001,
                7L,
                "fmnist-best",
                Map.of("hiddenLayers", List.of(128), "dropout", 0.1),
                T,
                TrainingJob.SEARCH,
                new SearchSpec(grid, folds, null, null),
                null);
    }

    @Test
    void eachConfigurationReplacesTheJobsFieldsAndParametersAndHasOneFoldJobPerFold() {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        grid.put("learningRate", List.of(0.001, 0.003));
        grid.put("hiddenLayers", List.of(List.of(256, 128)));
        grid.put("epochs", List.of(3));

        SearchPlan plan = SearchPlan.of(search(grid, 3));

        assertThat(plan.trials()).hasSize(2);
        TrainingJob second = plan.trials().get(1).job();
        assertThat(second.architecture()).isEqualTo("mlp");
        assertThat(second.learningRate()).isEqualTo(0.003);
        assertThat(second.epochs()).isEqualTo(3);
        assertThat(second.batchSize()).isEqualTo(64);
        assertThat(second.seed()).as("the search's seed seeds every trial").isEqualTo(7L);
        assertThat(second.params())
                .containsEntry("hiddenLayers", List.of(256, 128))
                .containsEntry("dropout", 0.1);
        assertThat(plan.foldJobs())
                .extracting(TrainingJob::jobId, TrainingJob::trial)
                .containsExactly(
                        tuple("s1.t01.f0", new TrialRef("s1", 1, 0, 3)),
                        tuple("s1.t01.f1", new TrialRef("s1", 1, 1, 3)),
                        tuple("s1.t01.f2", new TrialRef("s1", 1, 2, 3)),
                        tuple("s1.t02.f0", new TrialRef("s1", 2, 0, 3)),
                        tuple("s1.t02.f1", new TrialRef("s1", 2, 1, 3)),
                        tuple("s1.t02.f2", new TrialRef("s1", 2, 2, 3)));
        assertThat(plan.foldJobs()).allSatisfy(j -> {
            assertThat(j.problem()).isNull();
            assertThat(j.kind()).isEqualTo(TrainingJob.TRAIN);
            assertThat(j.submittedAt()).isEqualTo(T);
        });
        assertThat(SearchPlan.of(search(grid, 3)))
                .as("the same search, the same plan")
                .isEqualTo(plan);
        TrainingJob finalJob = SearchPlan.finalJob("s1", 2, second);
        assertThat(finalJob.jobId()).isEqualTo("s1.best");
        assertThat(finalJob.trial()).isEqualTo(new TrialRef("s1", 2, null, null));
        assertThat(finalJob.modelName()).isEqualTo("fmnist-best");
        assertThat(finalJob.problem()).isNull();
    }

    @Test
    void aJobFieldOfTheWrongTypeIsRefused() {
        assertThatThrownBy(() -> SearchPlan.of(search(Map.of("epochs", List.of(2.5)), 2)))
                .hasMessage("search.grid.epochs must hold an integer, trial 1 has 2.5");
        assertThatThrownBy(() -> SearchPlan.of(search(Map.of("architecture", List.of(3)), 2)))
                .hasMessageContaining("must hold a name");
    }

    @Test
    void aTrialEndsWithItsLastFoldAndTheBestIsChosenOnceEveryTrialEnded() {
        TrialState open = trial(1, null, fold(0, JobStatus.COMPLETED, 0.8), fold(1, null, null));
        assertThat(SearchRules.trialEnd(open)).isEmpty();

        TrialState done = trial(1, null, fold(0, JobStatus.COMPLETED, 0.8), fold(1, JobStatus.COMPLETED, 0.9));
        SearchRules.TrialEnd end = SearchRules.trialEnd(done).orElseThrow();
        assertThat(end.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(end.mean()).isCloseTo(0.85, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(end.sd()).isCloseTo(Math.sqrt(0.005), org.assertj.core.data.Offset.offset(1e-12));

        TrialState failed = trial(2, null, fold(0, JobStatus.FAILED, null), fold(1, JobStatus.CANCELLED, null));
        assertThat(SearchRules.trialEnd(failed).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        assertThat(SearchRules.trialEnd(
                        trial(1, JobStatus.COMPLETED, done.folds().toArray(FoldState[]::new))))
                .as("a trial ends once")
                .isEmpty();

        SearchState running =
                state(null, trial(1, JobStatus.COMPLETED, done.folds().toArray(FoldState[]::new)), open);
        assertThat(SearchRules.allEnded(running)).isFalse();
        assertThat(SearchRules.best(running)).isEmpty();
        assertThat(SearchRules.openFolds(running)).containsExactly("s1.t01.f1");

        SearchState ended = state(
                null,
                trial(1, JobStatus.COMPLETED, done.folds().toArray(FoldState[]::new)),
                trial(2, JobStatus.FAILED, failed.folds().toArray(FoldState[]::new)));
        assertThat(SearchRules.best(ended).orElseThrow().trial()).isEqualTo(1);
        assertThat(SearchRules.best(state("s1.best", ended.trials().toArray(TrialState[]::new))))
                .as("chosen once")
                .isEmpty();
        assertThat(SearchRules.best(
                        state(null, trial(2, JobStatus.FAILED, failed.folds().toArray(FoldState[]::new)))))
                .as("nothing to choose when every trial failed")
                .isEmpty();
    }

    private static FoldState fold(int fold, JobStatus status, Double score) {
        return new FoldState(fold, "s1.t01.f" + fold, status, score);
    }

    private static TrialState trial(int trial, JobStatus status, FoldState... folds) {
        return new TrialState(trial, Map.of("learningRate", 0.001 * trial), null, status, List.of(folds));
    }

    private static SearchState state(String finalJobId, TrialState... trials) {
        return new SearchState("s1", JobStatus.RUNNING, 2, "accuracy", List.of(trials), null, finalJobId);
    }
}
