package dev.fleet.reservations.internal;

import dev.fleet.reservations.api.Reservation;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** POST /api/reservations (honours Idempotency-Key), GET and DELETE (cancel) /api/reservations/{id}. */
@Path("/api/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReservationResource {

    private final ReservationService reservations;

    public ReservationResource(ReservationService reservations) {
        this.reservations = reservations;
    }

    @POST
    public Response create(@HeaderParam("Idempotency-Key") String idempotencyKey, @NotNull ReservationRequest request,
                           @Context UriInfo uri) {
        Reservation reservation = reservations.create(idempotencyKey, request).reservation();
        // A replay answers exactly like the original request did.
        return Response.created(uri.getAbsolutePathBuilder().path(reservation.id()).build()).entity(reservation).build();
    }

    @GET
    @Path("{id}")
    public Reservation get(@PathParam("id") String id) {
        return reservations.get(id);
    }

    @DELETE
    @Path("{id}")
    public Reservation cancel(@PathParam("id") String id) {
        return reservations.cancel(id);
    }
}
