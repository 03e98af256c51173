package dev.fmnist.training.rest;

import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.api.training.JobSubmission;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.training.service.JobService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;

/**
 * Training jobs over HTTP. Submitting and cancelling need the role {@code operator} ({@link AuthErrorMappers}); the
 * service's refusals become HTTP errors in {@link ErrorMappers}.
 */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final JobService jobs;

    public JobResource(JobService jobs) {
        this.jobs = jobs;
    }

    @POST
    @RolesAllowed("operator")
    @Operation(
            summary = "Submit a training job",
            description = "Checks the job (400 with the reason when invalid, 409 when its id is taken) and publishes "
                    + "it to fmnist.training.jobs; it is then queued like any job from the topic.")
    public Response submit(TrainingJob job) {
        TrainingJob published = jobs.submit(job);
        return Response.accepted(JobSubmission.of(published))
                .location(URI.create("/jobs/" + published.jobId()))
                .build();
    }

    @GET
    @Operation(summary = "Jobs, newest first")
    public List<JobView> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        return jobs.list(Math.max(1, Math.min(limit, 1000)));
    }

    @GET
    @Path("{id}")
    @Operation(
            summary = "One job with its status, latest progress and, once it registered a model, the gate's decision")
    public JobView get(@PathParam("id") String id) {
        return jobs.find(id);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("operator")
    @Operation(
            summary = "Cancel a job",
            description = "A queued job is cancelled at once, a running one at its "
                    + "next batch (202); a finished job cannot be cancelled (409).")
    public Response cancel(@PathParam("id") String id) {
        return Response.accepted(jobs.cancel(id)).build();
    }
}
