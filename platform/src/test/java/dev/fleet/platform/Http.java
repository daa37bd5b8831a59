package dev.fleet.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** Small HTTP helpers for the tests (HTTP/1.1: every open stream gets its own connection). */
public final class Http {
    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    public static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    }

    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> post(String url) throws IOException, InterruptedException {
        return CLIENT.send(request(url).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a stream; returns once the response headers arrived. */
    public static HttpResponse<InputStream> openStream(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)); // no timeout: the body never ends
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return CLIENT.send(builder.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    public static BufferedReader lines(HttpResponse<InputStream> response) {
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** Reads lines until one matches; fails after {@code timeout} (checked between lines, which arrive every 500 ms). */
    public static String readUntil(BufferedReader reader, Duration timeout, Predicate<String> wanted) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String line;
        while ((line = reader.readLine()) != null) {
            if (wanted.test(line)) {
                return line;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching line within " + timeout + "; last line: " + line);
            }
        }
        throw new AssertionError("stream ended before a matching line arrived");
    }
}
