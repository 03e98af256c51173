package dev.fmnist.training.rest;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.ml.architecture.Architectures;
import dev.fmnist.training.persistence.DatasetRepository;
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

    private final DatasetRepository datasets;

    public CatalogResource(DatasetRepository datasets) {
        this.datasets = datasets;
    }

    /**
     * @param name        the name jobs use
     * @param description one line
     * @param inputLayout FLAT or IMAGE
     */
    public record ArchitectureInfo(String name, String description, String inputLayout) {}

    @GET
    @Path("architectures")
    @Operation(summary = "Architectures jobs can name")
    public List<ArchitectureInfo> architectures() {
        return Architectures.all().values().stream()
                .map(a -> new ArchitectureInfo(
                        a.name(), a.description(), a.layout().name()))
                .toList();
    }

    @GET
    @Path("datasets")
    @Operation(summary = "Datasets announced on fmnist.datasets, newest first")
    public List<DatasetReady> datasets() {
        return datasets.all();
    }
}
