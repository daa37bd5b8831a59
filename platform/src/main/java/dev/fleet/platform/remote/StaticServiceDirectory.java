package dev.fleet.platform.remote;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/** The discovery table from configuration ({@code remote.services}). */
public class StaticServiceDirectory implements ServiceDirectory {
    private final Map<String, URI> services;

    public StaticServiceDirectory(Map<String, URI> services) {
        services.forEach((name, uri) -> {
            if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("service '" + name + "' needs an absolute http(s) URI, got '" + uri + "'");
            }
        });
        this.services = new TreeMap<>(services);
    }

    @Override
    public URI uri(String service) {
        URI uri = services.get(service);
        if (uri == null) {
            throw new UnknownServiceException("unknown service '" + service + "' (known: " + services.keySet()
                    + "); add it under remote.services");
        }
        return uri;
    }
}
