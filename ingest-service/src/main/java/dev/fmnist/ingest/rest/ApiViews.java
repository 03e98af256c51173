package dev.fmnist.ingest.rest;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.api.ingest.DatasetView;
import dev.fmnist.contracts.api.ingest.IngestResponse;
import dev.fmnist.ingest.service.DatasetEntry;
import dev.fmnist.ingest.service.FileEntry;
import dev.fmnist.ingest.service.IngestOutcome;
import dev.fmnist.ingest.service.SplitEntry;

import java.util.List;
import java.util.stream.IntStream;

/** The API records ({@code dev.fmnist.contracts.api.ingest}) of the core's results. */
final class ApiViews {

    private ApiViews() {}

    /** @return the answer of {@code POST /datasets} for {@code outcome} */
    static IngestResponse of(IngestOutcome outcome) {
        return new IngestResponse(
                outcome.result(), outcome.published(), outcome.rejected(), outcome.durationMs(), of(outcome.dataset()));
    }

    /** @return the view of {@code entry}, with the class distribution of every split */
    static DatasetView of(DatasetEntry entry) {
        return new DatasetView(
                entry.id(),
                entry.name(),
                entry.status(),
                entry.format(),
                entry.source(),
                entry.contentHash(),
                entry.error(),
                entry.createdAt(),
                entry.updatedAt(),
                entry.readyAt(),
                entry.splits().stream().map(ApiViews::split).toList(),
                entry.files().stream().map(ApiViews::file).toList());
    }

    private static DatasetView.SplitView split(SplitEntry split) {
        List<DatasetView.ClassCount> classes = IntStream.range(0, split.classCounts().length)
                .mapToObj(label ->
                        new DatasetView.ClassCount(label, FashionLabels.name(label), split.classCounts()[label]))
                .toList();
        return new DatasetView.SplitView(
                split.split(), split.topic(), split.count(), split.rejected(), split.contentHash(), classes);
    }

    private static DatasetView.FileView file(FileEntry file) {
        return new DatasetView.FileView(
                file.split(), file.name(), file.sha256(), file.expectedSha256(), file.verified());
    }
}
