package dev.fmnist.inference.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

class ServingModelHolderTest {

    private final ServingModelHolder holder = new ServingModelHolder();

    @Test
    void waitersAreReleasedWithTheFirstServedModel() {
        CompletionStage<ServingModel> waiting = holder.awaitServing();
        assertThat(waiting.toCompletableFuture()).isNotDone();

        ServingModel a = model("a");
        holder.serve(a);

        assertThat(waiting.toCompletableFuture()).isCompletedWithValue(a);
        assertThat(holder.awaitServing().toCompletableFuture()).isCompletedWithValue(a);
    }

    @Test
    void aReaderKeepsTheModelItTookWhileTheHolderSwaps() {
        holder.serve(model("a"));
        ServingModel taken = holder.current().orElseThrow();

        ServingModel previous = holder.serve(model("b"));

        assertThat(previous).isSameAs(taken);
        assertThat(taken.modelId()).isEqualTo("a");
        assertThat(holder.current()).map(ServingModel::modelId).contains("b");
    }

    @Test
    void withNoModelAnyMoreNewWorkWaitsAgain() {
        holder.serve(model("a"));
        holder.serve(null);

        CompletableFuture<ServingModel> waiting = holder.awaitServing().toCompletableFuture();
        assertThat(waiting).isNotDone();
        holder.serve(model("c"));
        assertThat(waiting)
                .isCompletedWithValueMatching(model -> model.modelId().equals("c"));
    }

    private static ServingModel model(String id) {
        return new ServingModel(id, "fashion", 1, "mlp", "00", null, Instant.now());
    }
}
