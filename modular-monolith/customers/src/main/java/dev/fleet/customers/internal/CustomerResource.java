package dev.fleet.customers.internal;

import dev.fleet.customers.api.Customer;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** Registration and lookup of customers on /api/customers. */
@Path("/api/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerService customers;

    public CustomerResource(CustomerService customers) {
        this.customers = customers;
    }

    @GET
    public List<Customer> list() {
        return customers.list();
    }

    @POST
    public Response register(@NotNull CustomerRequest request, @Context UriInfo uri) {
        Customer customer = customers.register(request);
        return Response.created(uri.getAbsolutePathBuilder().path(customer.id()).build()).entity(customer).build();
    }

    @GET
    @Path("{id}")
    public Customer get(@PathParam("id") String id) {
        return customers.get(id);
    }
}
