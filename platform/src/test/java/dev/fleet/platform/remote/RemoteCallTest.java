package dev.fleet.platform.remote;

import com.netflix.config.ConfigurationManager;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import com.netflix.hystrix.HystrixEventType;
import dev.fleet.platform.Http;
import dev.fleet.platform.TestApp;
import dev.fleet.platform.remote.FakeRemoteApp.Thing;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteCallTest {
    @RegisterExtension
    @Order(1)
    static final DropwizardAppExtension<Configuration> REMOTE = new DropwizardAppExtension<>(FakeRemoteApp.class, TestApp.CONFIG);

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<CallerApp.Config> CALLER = new DropwizardAppExtension<>(CallerApp.class,
            ResourceHelpers.resourceFilePath("remote-caller.yml"),
            ConfigOverride.config("remote.services.fake", () -> "http://127.0.0.1:" + REMOTE.getLocalPort()));

    private CallerApp app;

    /** The first call of a JVM (class loading, JIT, connections) can outlast a Hystrix timeout; not what we test. */
    @BeforeAll
    static void warmUp() throws Exception {
        Http.get("http://127.0.0.1:" + CALLER.getLocalPort() + "/fail-fast/ok");
    }

    @BeforeEach
    void reset() {
        app = CALLER.getApplication();
        app.hystrix.resetHystrix();
        Circuits.releaseAll();
        app.cache.clear();
        FakeRemoteApp.resetRecorded();
    }

    @AfterAll
    static void releaseCircuits() {
        Circuits.releaseAll();
    }

    private static RemoteCall<Thing> thing(RemoteService service, String operation, String answer, Fallback<Thing> fallback) {
        return service.command(operation, t -> t.path("things").queryParam("answer", answer).request().get(),
                r -> r.readEntity(Thing.class), fallback);
    }

    private static Fallback<Thing> failFast() {
        return Fallback.failFast(Duration.ofSeconds(5));
    }

    private String caller(String path) {
        return "http://127.0.0.1:" + CALLER.getLocalPort() + path;
    }

    private String admin(String path) {
        return "http://127.0.0.1:" + CALLER.getAdminPort() + path;
    }

    @Test
    void keysAreServiceAndOperation() {
        RemoteCall<Thing> call = thing(app.fake, "getThing", "ok", failFast());
        assertThat(call.getCommandGroup().name()).isEqualTo("fake");
        assertThat(call.getThreadPoolKey().name()).isEqualTo("fake");
        assertThat(call.getCommandKey().name()).isEqualTo("getThing");
    }

    @Test
    void anOperationNameBelongsToOneService() {
        thing(app.fake, "getThing", "ok", failFast());
        assertThatThrownBy(() -> thing(app.flaky, "getThing", "ok", failFast()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'getThing' is already a command of service 'fake'");
    }

    @Test
    void successMapsTheBody() {
        RemoteCall<Thing> call = thing(app.fake, "getThing", "ok", failFast());
        assertThat(call.call()).isEqualTo(new Thing("thing-1"));
        assertThat(call.getExecutionEvents()).containsExactly(HystrixEventType.SUCCESS);
        assertThat(call.isDegraded()).isFalse();
    }

    @Test
    void theRequestIdTravelsToTheRemote() throws Exception {
        HttpResponse<String> response = Http.CLIENT.send(Http.request(caller("/fail-fast/ok"))
                .header("X-Request-Id", "rid-42").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"name\":\"thing-1\"}");
        assertThat(FakeRemoteApp.LAST_REQUEST_ID.get()).isEqualTo("rid-42");
    }

    @Test
    void outsideARequestNoRequestIdIsSent() {
        thing(app.fake, "getThing", "ok", failFast()).call();
        assertThat(FakeRemoteApp.CALLS.get()).isEqualTo(1);
        assertThat(FakeRemoteApp.LAST_REQUEST_ID.get()).isNull();
    }

    @Test
    void aClientErrorIsABadRequestWithTheRemoteMessageNotAFailure() {
        RemoteCall<Thing> call = thing(app.fake, "getThing", "422", Fallback.value(() -> new Thing("fallback")));
        assertThatThrownBy(call::call)
                .isInstanceOfSatisfying(RemoteClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo("name is required");
                    assertThat(e.errors()).containsExactly("name is required");
                    assertThat(e.service()).isEqualTo("fake");
                    assertThat(e.operation()).isEqualTo("getThing");
                });
        assertThat(call.getExecutionEvents()).containsExactly(HystrixEventType.BAD_REQUEST);
        assertThat(call.isResponseFromFallback()).isFalse();
        assertThat(call.isFailedExecution()).isFalse();
    }

    @Test
    void aClientErrorReachesOurClientWithItsStatusMessageAndErrors() throws Exception {
        HttpResponse<String> response = Http.get(caller("/fail-fast/422"));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).isEqualTo("{\"code\":422,\"message\":\"name is required\",\"errors\":[\"name is required\"]}");

        HttpResponse<String> many = Http.get(caller("/fail-fast/422-many"));
        assertThat(many.statusCode()).isEqualTo(422);
        assertThat(many.body()).isEqualTo("{\"code\":422,\"message\":\"2 problems: name is required; size must be positive\","
                + "\"errors\":[\"name is required\",\"size must be positive\"]}");
    }

    @Test
    void aClientErrorWithoutAJsonBodyKeepsItsStatusLine() {
        RemoteCall<Thing> call = thing(app.fake, "getThing", "409-html", failFast());
        assertThatThrownBy(call::call).isInstanceOfSatisfying(RemoteClientException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage()).isEqualTo("409 Conflict");
            assertThat(e.errors()).isEmpty();
        });
    }

    @Test
    void aFallbackThatCannotRunIsStillA503NotAnUnmappedError() throws Exception {
        // one fallback at a time for this command, and the first one held: the second failing call's fallback is rejected
        var config = ConfigurationManager.getConfigInstance();
        String limit = "hystrix.command.heldThing.fallback.isolation.semaphore.maxConcurrentRequests";
        config.setProperty(limit, 1);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Fallback<Thing> holding = Fallback.value(() -> {
            held.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Thing("fallback");
        });
        try {
            CompletableFuture<Thing> first = CompletableFuture.supplyAsync(() -> thing(app.fake, "heldThing", "500", holding).call());
            assertThat(held.await(10, TimeUnit.SECONDS)).as("the first fallback runs").isTrue();
            RemoteCall<Thing> second = thing(app.fake, "heldThing", "500", holding);
            assertThatThrownBy(second::call).isInstanceOfSatisfying(RemoteUnavailableException.class, e -> {
                assertThat(e.service()).isEqualTo("fake");
                assertThat(e.retryAfter()).isEqualTo(RemoteCall.DEFAULT_RETRY_AFTER);
            });
            assertThat(second.getExecutionEvents()).contains(HystrixEventType.FALLBACK_REJECTION);
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).name()).isEqualTo("fallback");
        } finally {
            release.countDown();
            config.clearProperty(limit);
        }
    }

    @Test
    void findMapsNotFoundToEmpty() {
        RemoteCall<Optional<Thing>> found = app.fake.findCommand("findThing",
                t -> t.path("things").queryParam("answer", "ok").request().get(), Thing.class,
                Fallback.failFast(Duration.ofSeconds(1)));
        assertThat(found.call()).contains(new Thing("thing-1"));

        RemoteCall<Optional<Thing>> missing = app.fake.findCommand("findThing",
                t -> t.path("things").queryParam("answer", "404").request().get(), Thing.class,
                Fallback.failFast(Duration.ofSeconds(1)));
        assertThat(missing.call()).isEmpty();
        assertThat(missing.getExecutionEvents()).containsExactly(HystrixEventType.SUCCESS);
    }

    @Test
    void aServerErrorFailsFastWith503AndRetryAfter() throws Exception {
        HttpResponse<String> response = Http.get(caller("/fail-fast/500"));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.body()).isEqualTo("{\"code\":503,\"message\":\"fake is unavailable, retry after 5 s\"}");
        assertThat(FakeRemoteApp.CALLS.get()).isEqualTo(1);
    }

    @Test
    void aServerErrorIsAFailureAndTheValueFallbackAnswersDegraded() {
        RemoteCall<Thing> call = thing(app.fake, "getThing", "500", Fallback.value(() -> new Thing("fallback")));
        assertThat(call.call()).isEqualTo(new Thing("fallback"));
        assertThat(call.isFailedExecution()).isTrue();
        assertThat(call.getFailedExecutionException()).isInstanceOf(RemoteServerException.class);
        assertThat(call.getExecutionEvents()).contains(HystrixEventType.FAILURE, HystrixEventType.FALLBACK_SUCCESS);
        assertThat(call.isDegraded()).isTrue();
    }

    @Test
    void aTimeoutIsAFailureAndFallsBack() throws Exception {
        long start = System.nanoTime();
        RemoteCall<Thing> call = thing(app.flaky, "slowThing", "sleep", Fallback.value(() -> new Thing("fallback")));
        assertThat(call.call()).isEqualTo(new Thing("fallback"));
        assertThat(call.isResponseTimedOut()).isTrue();
        assertThat(call.isDegraded()).isTrue();
        // flaky's 300 ms timeout, not the remote's 2 s
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));

        HttpResponse<String> response = Http.get(caller("/fail-fast/sleep"));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("fake is unavailable");
    }

    @Test
    void aConnectionFailureFallsBack() {
        jakarta.ws.rs.client.Client client = jakarta.ws.rs.client.ClientBuilder.newClient();
        try {
            RemoteService nowhere = new RemoteService("nowhere", name -> java.net.URI.create("http://127.0.0.1:1"),
                    client, new HystrixSettings());
            RemoteCall<Thing> call = thing(nowhere, "getNothing", "ok", failFast());
            assertThatThrownBy(call::call).isInstanceOf(RemoteUnavailableException.class)
                    .hasMessage("nowhere is unavailable, retry after 5 s");
            assertThat(call.isFailedExecution()).isTrue();
        } finally {
            client.close();
        }
    }

    @Test
    void theStaleCacheAnswersTheLastGoodValueAndMarksTheResponseDegraded() throws Exception {
        HttpResponse<String> fresh = Http.get(caller("/stale/ok"));
        assertThat(fresh.body()).isEqualTo("{\"name\":\"thing-1\"}");
        assertThat(fresh.headers().firstValue(Degraded.HEADER)).isEmpty();

        HttpResponse<String> stale = Http.get(caller("/stale/500"));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo("{\"name\":\"thing-1\"}");
        assertThat(stale.headers().firstValue(Degraded.HEADER)).contains("fake");
        assertThat(FakeRemoteApp.CALLS.get()).isEqualTo(2);

        HttpResponse<String> next = Http.get(caller("/stale/ok"));
        assertThat(next.body()).isEqualTo("{\"name\":\"thing-3\"}");
        assertThat(next.headers().firstValue(Degraded.HEADER)).isEmpty();
    }

    @Test
    void anEmptyStaleCacheFailsFast() throws Exception {
        HttpResponse<String> response = Http.get(caller("/stale/500"));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("2");
        assertThat(response.body()).isEqualTo("{\"code\":503,\"message\":\"fake is unavailable, retry after 2 s\"}");
    }

    @Test
    void badRequestsDoNotOpenTheCircuit() throws Exception {
        for (int i = 0; i < 8; i++) {
            RemoteCall<Thing> call = thing(app.flaky, "flakyThing", "422", Fallback.value(() -> new Thing("fallback")));
            assertThatThrownBy(call::call).isInstanceOf(RemoteClientException.class);
        }
        Thread.sleep(50); // several health snapshots (10 ms each): the breaker has seen the calls
        assertThat(HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey("flakyThing")).getHealthCounts().getErrorCount()).isZero();
        RemoteCall<Thing> next = thing(app.flaky, "flakyThing", "ok", Fallback.value(() -> new Thing("fallback")));
        assertThat(next.call()).isEqualTo(new Thing("thing-9"));
        assertThat(next.isResponseShortCircuited()).isFalse();
    }

    @Test
    void theCircuitOpensAfterVolumeAndErrorsThenClosesAfterTheSleepWindow() throws Exception {
        Fallback<Thing> fallback = Fallback.value(() -> new Thing("fallback"));
        RemoteCall<Thing> call = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        int attempts = 0;
        do {
            call = thing(app.flaky, "flakyThing", "500", fallback);
            assertThat(call.call()).isEqualTo(new Thing("fallback"));
            attempts++;
            if (!call.isResponseShortCircuited()) {
                Thread.sleep(5); // let a health snapshot see the failures
            }
        } while (!call.isResponseShortCircuited() && System.nanoTime() < deadline);
        assertThat(call.isResponseShortCircuited()).as("short-circuited after %s calls", attempts).isTrue();
        assertThat(attempts).isGreaterThan(4); // the request volume threshold comes first

        int reached = FakeRemoteApp.CALLS.get();
        long start = System.nanoTime();
        RemoteCall<Thing> rejected = thing(app.flaky, "flakyThing", "ok", fallback);
        assertThat(rejected.call()).isEqualTo(new Thing("fallback"));
        assertThat(rejected.isResponseShortCircuited()).isTrue();
        assertThat(rejected.isDegraded()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
        assertThat(FakeRemoteApp.CALLS.get()).isEqualTo(reached);

        // after the 300 ms sleep window one probe goes through; its success closes the circuit
        RemoteCall<Thing> probe;
        deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        do {
            Thread.sleep(50);
            probe = thing(app.flaky, "flakyThing", "ok", fallback);
            probe.call();
        } while (probe.isResponseShortCircuited() && System.nanoTime() < deadline);
        assertThat(probe.isSuccessfulExecution()).isTrue();
        RemoteCall<Thing> after = thing(app.flaky, "flakyThing", "ok", fallback);
        assertThat(after.isCircuitBreakerOpen()).isFalse();
        assertThat(after.call().name()).startsWith("thing-");
        assertThat(after.isSuccessfulExecution()).isTrue();
    }

    @Test
    void theCircuitTaskForcesOpenClosedAndNormal() throws Exception {
        thing(app.fake, "getThing", "ok", failFast()).call();

        HttpResponse<String> open = Http.post(admin("/tasks/circuit?command=getThing&state=open"));
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).isEqualTo("getThing (fake): forced open\n");
        RemoteCall<Thing> shortCircuited = thing(app.fake, "getThing", "ok", Fallback.value(() -> new Thing("fallback")));
        assertThat(shortCircuited.call()).isEqualTo(new Thing("fallback"));
        assertThat(shortCircuited.isResponseShortCircuited()).isTrue();
        assertThat(FakeRemoteApp.CALLS.get()).isEqualTo(1);

        assertThat(Http.post(admin("/tasks/circuit?command=getThing&state=closed")).body())
                .isEqualTo("getThing (fake): forced closed\n");
        RemoteCall<Thing> forcedClosed = thing(app.fake, "getThing", "ok", failFast());
        assertThat(forcedClosed.call()).isEqualTo(new Thing("thing-2"));

        assertThat(Http.post(admin("/tasks/circuit?command=getThing&state=normal")).body())
                .isEqualTo("getThing (fake): closed\n");
        assertThat(Http.post(admin("/tasks/circuit")).body()).contains("getThing (fake): closed\n");
    }

    @Test
    void theCircuitTaskRejectsBadInput() throws Exception {
        thing(app.fake, "getThing", "ok", failFast()).call();
        assertBadRequest("/tasks/circuit?command=getThing&state=half", "state must be open, closed or normal, got 'half'");
        assertBadRequest("/tasks/circuit?command=nope&state=open", "unknown command 'nope'");
        assertBadRequest("/tasks/circuit?state=open", "state needs a command");
        assertBadRequest("/tasks/circuit?key=getThing", "unknown parameter 'key'");
        assertBadRequest("/tasks/circuit?command=getThing&command=other", "command given more than once");
        assertThat(Circuits.state("getThing")).isEqualTo("closed");
    }

    private void assertBadRequest(String path, String problem) throws Exception {
        HttpResponse<String> response = Http.post(admin(path));
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.body()).as(path).contains("\"code\":400").contains(problem);
    }

    @Test
    void theDirectoryNamesUnknownServices() {
        StaticServiceDirectory directory = new StaticServiceDirectory(java.util.Map.of("catalog", java.net.URI.create("http://127.0.0.1:9010")));
        assertThat(directory.uri("catalog")).hasToString("http://127.0.0.1:9010");
        assertThatThrownBy(() -> directory.uri("pricing"))
                .isInstanceOf(UnknownServiceException.class)
                .hasMessageContaining("unknown service 'pricing' (known: [catalog])");
        assertThatThrownBy(() -> new StaticServiceDirectory(java.util.Map.of("x", java.net.URI.create("catalog:9010"))))
                .hasMessageContaining("service 'x' needs an absolute http(s) URI");
    }

    @Test
    void aCallNeedsAFallbackDecision() {
        assertThatThrownBy(() -> thing(app.fake, "getThing", "ok", null))
                .hasMessage("fake.getThing needs a fallback decision");
    }
}
