package dev.fmnist.training.rest;

import dev.fmnist.contracts.api.training.SearchView;
import dev.fmnist.training.service.Searches;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * Hyper-parameter searches over HTTP, read-only (a search is submitted as a job of kind {@code search} with
 * {@code POST /jobs} and cancelled with {@code DELETE /jobs/{id}}); open to every caller like {@code GET /jobs}.
 */
@Path("/searches")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final Searches searches;

    public SearchResource(Searches searches) {
        this.searches = searches;
    }

    @GET
    @Operation(summary = "Searches, newest first, each with its trials, fold scores and best trial")
    public List<SearchView> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        return searches.list(Math.max(1, Math.min(limit, 1000)));
    }

    @GET
    @Path("{id}")
    @Operation(
            summary = "One search: every trial with its configuration, fold jobs, fold scores and mean ± sd",
            description = "id = the search's job id. best, finalJobId and modelId are set once every trial ended,"
                    + " the final job was published and it registered its model; 404 for an unknown search.")
    public SearchView get(@PathParam("id") String id) {
        return searches.find(id);
    }
}
