package dev.fleet.platform.remote;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

import java.util.Set;

/** Adds {@code X-Fleet-Degraded: <services>} when a remote answer of this request came from a fallback. */
@PreMatching
@Priority(1)
public class DegradedHeaderFilter implements ContainerRequestFilter, ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        Degraded.begin();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Set<String> services = Degraded.end();
        if (!services.isEmpty()) {
            response.getHeaders().putSingle(Degraded.HEADER, String.join(", ", services));
        }
    }
}
