package dev.fmnist.training.rest;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.api.training.Architecture;
import dev.fmnist.ml.architecture.Architectures;
import dev.fmnist.training.service.DatasetStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** What jobs can name: architectures and announced datasets. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    private final DatasetStore datasets;

    public CatalogResource(DatasetStore datasets) {
        this.datasets = datasets;
    }

    @GET
    @Path("architectures")
    @Operation(summary = "Architectures jobs can name")
    public List<Architecture> architectures() {
        return Architectures.all().values().stream()
                .map(a -> new Architecture(a.name(), a.description(), a.layout().name()))
                .toList();
    }

    @GET
    @Path("datasets")
    @Operation(summary = "Datasets announced on fmnist.datasets, newest first")
    public List<DatasetReady> datasets() {
        return datasets.all();
    }
}
