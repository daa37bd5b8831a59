package dev.fleet.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain GETs the system tests send to the apps (traffic and health probes): only the status matters. */
final class Get {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Get() {
    }

    static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The status, or -1 when there was no answer (e.g. traffic to an instance that is being stopped). */
    static int statusOrMinusOne(String url) {
        try {
            return status(url);
        } catch (Exception e) {
            return -1;
        }
    }
}
