package dev.fleet.catalog.internal;

import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarChanged;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.OptionalLong;

/** The original cars contract: CRUD on /api/cars, answered by whichever {@link Cars} the module was built with. */
@Path("/api/cars")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CarResource {

    private final Cars cars;

    public CarResource(Cars cars) {
        this.cars = cars;
    }

    /**
     * The cars; a catalog that publishes its changes adds {@link CarChanged#SEQUENCE_HEADER}, read first so that
     * every change up to it is in the list (the sync command's watermark; the body is the original contract).
     */
    @GET
    public Response list() {
        OptionalLong sequence = cars.changeSequence();
        List<Car> list = cars.list();
        Response.ResponseBuilder response = Response.ok(new GenericEntity<>(list) { });
        sequence.ifPresent(value -> response.header(CarChanged.SEQUENCE_HEADER, value));
        return response.build();
    }

    @POST
    public Response create(@NotNull CarRequest request, @Context UriInfo uri) {
        Car car = cars.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(car.id()).build()).entity(car).build();
    }

    @GET
    @Path("{id}")
    public Car get(@PathParam("id") String id) {
        return cars.get(id);
    }

    @PUT
    @Path("{id}")
    public Car replace(@PathParam("id") String id, @NotNull CarRequest request) {
        return cars.replace(id, request);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        cars.delete(id);
        return Response.noContent().build();
    }
}
