package dev.fmnist.training.rest;

import dev.fmnist.contracts.ApiError;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.training.persistence.JobRecord;
import dev.fmnist.training.service.JobRefusedException;
import dev.fmnist.training.service.JobService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Training jobs over HTTP. Submitting and cancelling need the role {@code operator} ({@link AuthErrorMappers}). */
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
        if (job == null) {
            throw new JobRefusedException("invalid-field: the body must be a TrainingJob JSON object", false);
        }
        TrainingJob published = jobs.submit(job);
        return Response.accepted(Map.of("jobId", published.jobId(), "status", "SUBMITTED", "job", published))
                .location(URI.create("/jobs/" + published.jobId()))
                .build();
    }

    @GET
    @Operation(summary = "Jobs, newest first")
    public List<JobRecord> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        return jobs.list(Math.max(1, Math.min(limit, 1000)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One job with its status and latest progress")
    public JobRecord get(@PathParam("id") String id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("no job " + id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("operator")
    @Operation(
            summary = "Cancel a job",
            description = "A queued job is cancelled at once, a running one at its "
                    + "next batch (202); a finished job cannot be cancelled (409).")
    public Response cancel(@PathParam("id") String id) {
        JobRecord before = jobs.find(id).orElseThrow(() -> new NotFoundException("no job " + id));
        if (before.finished()) {
            return error(ApiError.of(
                    Response.Status.CONFLICT.getStatusCode(), "job " + id + " already ended as " + before.status()));
        }
        return Response.accepted(jobs.cancel(id).orElse(before)).build();
    }

    @ServerExceptionMapper
    public Response refused(JobRefusedException e) {
        Response.Status status = e.conflict() ? Response.Status.CONFLICT : Response.Status.BAD_REQUEST;
        return error(ApiError.refusal(status.getStatusCode(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response missing(NotFoundException e) {
        return error(ApiError.of(Response.Status.NOT_FOUND.getStatusCode(), e.getMessage()));
    }

    private static Response error(ApiError error) {
        return Response.status(error.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(error)
                .build();
    }
}
