package dev.fleet.platform.hystrix;

import dev.fleet.platform.Http;
import dev.fleet.platform.TestApp;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code server.gzip.excludedMimeTypes} set, Jetty would compress text/event-stream again. */
@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(15)
class HystrixStreamGzipConfigTest {
    private static final DropwizardAppExtension<Configuration> APP =
            new DropwizardAppExtension<>(TestApp.class, ResourceHelpers.resourceFilePath("test-app-gzip.yml"));

    @Test
    void streamStaysUncompressedWhenExcludedMimeTypesAreConfigured() throws Exception {
        HttpResponse<InputStream> response = Http.openStream(
                "http://127.0.0.1:" + APP.getAdminPort() + "/hystrix.stream", "Accept-Encoding", "gzip");
        try {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(Http.readUntil(Http.lines(response), Duration.ofSeconds(2), line -> !line.isEmpty())).isEqualTo("ping: ");
        } finally {
            response.body().close();
        }
    }
}
