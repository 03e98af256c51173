package dev.fmnist.evaluation.rest;

import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.evaluation.service.JobProgress;
import dev.fmnist.evaluation.service.ProgressLog;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.List;

/** Training curves: the progress records of every job, from fmnist.training.progress, and a live stream of them. */
@Path("/api/progress")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "progress", description = "Training progress of each job, as published on fmnist.training.progress")
public class ProgressResource {

    private final ProgressLog log;
    private final ProgressStream stream;

    public ProgressResource(ProgressLog log, ProgressStream stream) {
        this.log = log;
        this.stream = stream;
    }

    @GET
    @Operation(
            summary = "Every training job seen, the latest first",
            description = "One summary per job seen on fmnist.training.progress, from its last record: status, "
                    + "epoch, totalEpochs, its timestamp, the modelId once a record carried one (null before), and "
                    + "points, the records stored for it. Ordered by the last record's timestamp, newest first; at "
                    + "most " + ProgressLog.JOBS_LISTED + ".")
    @APIResponse(
            responseCode = "200",
            description = "One entry per job (empty before any)",
            content = @Content(schema = @Schema(implementation = JobProgress.class, type = SchemaType.ARRAY)))
    public List<JobProgress> jobs() {
        return log.jobs();
    }

    @GET
    @Path("/{jobId}")
    @Operation(
            summary = "The progress records of one job, oldest first",
            description = "Every stored TrainingProgress of the job exactly as published (per N batches, per "
                    + "epoch, on each status change), each once, in the order they were published; the newest "
                    + "fmnist.evaluation.progress.keep-per-job (default 5000) are kept. An unknown job has none.")
    @APIResponse(
            responseCode = "200",
            description = "The job's records (empty for an unknown job)",
            content = @Content(schema = @Schema(implementation = TrainingProgress.class, type = SchemaType.ARRAY)))
    public List<TrainingProgress> history(
            @Parameter(description = "job id, as in TrainingProgress.jobId") @PathParam("jobId") String jobId) {
        return log.history(jobId);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Server-sent events of training progress",
            description = "Each TrainingProgress of any job as it is stored (a record delivered again is not sent "
                    + "again); every event's data is one TrainingProgress as JSON.")
    public Multi<TrainingProgress> stream() {
        return stream.live();
    }
}
