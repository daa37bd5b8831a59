package dev.fleet.dashboard;

import dev.fleet.platform.testing.AppJar;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.turbine.StreamWatcher;
import dev.fleet.turbine.TurbineConfig;
import dev.fleet.turbine.TurbineMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.fleet.turbine.StreamWatcher.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real system: catalog-service, the monolith (catalog in remote mode) and two pricing-service instances, each
 * its own JVM from its runnable jar; Turbine and the dashboard app in this JVM. Turbine sums the real streams, the
 * dashboard in headless Chromium shows every remote command's circuit with traffic and a forced-open circuit as
 * Open (screenshot: target/dashboard-fleet.png), and a killed instance leaves the sums while the stream flows on.
 *
 * <p>Commands: pricing-service's quote calls {@code findCar} (catalog-service) and {@code findCustomer} (the
 * monolith); the monolith's {@code /api/cars} calls {@code findCar} and {@code listCars}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetMonitoringTest {
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration INSTANCE_TIMEOUT = Duration.ofSeconds(3);
    private static final String CAR = "0345391802";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AppJar catalog;
    private static AppJar monolith;
    private static AppJar pricing1;
    private static AppJar pricing2;
    private static TurbineMain turbine;
    private static DashboardServer dashboard;
    private static String customerId;
    private static final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void startTheSystem() throws Exception {
        for (Path jar : List.of(AppJar.jar("extracted-services/catalog-service", "catalog-service"),
                AppJar.jar("modular-monolith/app", "fleet-monolith"), AppJar.jar("extracted-services/pricing-service", "pricing-service"))) {
            requireBrowser(Files.isRegularFile(jar), jar + " is missing: run ./mvnw package (or verify) for the whole reactor first");
        }
        catalog = AppJar.start("catalog-service", "extracted-services/catalog-service", "catalog-service", Map.of());
        closing.add(catalog);
        monolith = AppJar.start("monolith", "modular-monolith/app", "fleet-monolith",
                Map.of("FLEET_CATALOG_MODE", "remote", "FLEET_CATALOG_URL", catalog.url("")));
        closing.add(monolith);
        Map<String, String> pricingEnv = Map.of("FLEET_CATALOG_URL", catalog.url(""), "FLEET_CUSTOMERS_URL", monolith.url(""));
        pricing1 = AppJar.start("pricing-service-1", "extracted-services/pricing-service", "pricing-service", pricingEnv);
        closing.add(pricing1);
        pricing2 = AppJar.start("pricing-service-2", "extracted-services/pricing-service", "pricing-service", pricingEnv);
        closing.add(pricing2);
        for (AppJar app : List.of(catalog, monolith, pricing1, pricing2)) {
            app.awaitHealthy(START);
        }

        Map<String, List<URI>> table = new LinkedHashMap<>();
        table.put("catalog-service", List.of(catalog.stream()));
        table.put("monolith", List.of(monolith.stream()));
        table.put("pricing-service", List.of(pricing1.stream(), pricing2.stream()));
        turbine = TurbineMain.start(new TurbineConfig("127.0.0.1", 0, "none", "hystrix", Duration.ofSeconds(5), table,
                INSTANCE_TIMEOUT, Duration.ofMillis(500), Duration.ofSeconds(1)));
        closing.add(turbine);
        dashboard = new DashboardServer(URI.create("http://127.0.0.1:" + turbine.port()), Duration.ofMillis(500), "127.0.0.1", 0).start();
        closing.add(dashboard);

        HttpResponse<String> customer = HTTP.send(HttpRequest.newBuilder(URI.create(monolith.url("/api/customers")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Katherine Johnson\",\"email\":\"katherine@example.com\",\"licenceNumber\":\"KJ-1918\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(201);
        customerId = JSON.readTree(customer.body()).path("id").asText();
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private static String quote(AppJar pricing) {
        LocalDate from = LocalDate.now().plusDays(10);
        return pricing.url("/api/quotes?carId=" + CAR + "&from=" + from + "&to=" + from.plusDays(3) + "&customerId=" + customerId);
    }

    private static StreamWatcher watch(String cluster) throws Exception {
        StreamWatcher watcher = new StreamWatcher(URI.create("http://127.0.0.1:" + turbine.port() + "/turbine.stream?cluster=" + cluster));
        closing.add(watcher);
        return watcher;
    }

    @Test
    @Order(1)
    void turbineSumsTheRealInstancesStreams() throws Exception {
        StreamWatcher fleet = watch("fleet");
        StreamWatcher pricing = watch("pricing-service");
        // warm up (a cold JVM's first calls may exceed the 1 s Hystrix timeout), then let those calls roll out of the
        // 10 s window so that exactly the calls below are counted (when Turbine connects does not matter)
        for (String url : List.of(quote(pricing1), quote(pricing2), monolith.url("/api/cars/" + CAR), monolith.url("/api/cars"))) {
            await(WAIT, url + " answers", () -> Get.statusOrMinusOne(url) == 200);
        }
        await(WAIT, "the warm-up calls rolled out of the window", () -> fleet.number("findCar", "requestCount") == 0
                && fleet.number("findCustomer", "requestCount") == 0 && fleet.number("listCars", "requestCount") == 0);
        for (int i = 0; i < 5; i++) {
            assertThat(Get.status(quote(pricing1))).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(Get.status(quote(pricing2))).isEqualTo(200);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(Get.status(monolith.url("/api/cars/" + CAR))).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(Get.status(monolith.url("/api/cars"))).isEqualTo(200);
        }

        // rolling 10 s counts: 5 + 3 quotes on two pricing-service hosts, 4 reads on the monolith
        await(WAIT, "findCar summed over the monolith and both pricing-service instances", () ->
                fleet.number("findCar", "reportingHosts") == 3 && fleet.number("findCar", "requestCount") == 12);
        await(WAIT, "findCustomer summed over both pricing-service instances", () ->
                fleet.number("findCustomer", "reportingHosts") == 2 && fleet.number("findCustomer", "requestCount") == 8);
        await(WAIT, "listCars from the monolith alone", () ->
                fleet.number("listCars", "reportingHosts") == 1 && fleet.number("listCars", "requestCount") == 2);
        await(WAIT, "the pricing-service cluster: its two instances only", () ->
                pricing.number("findCar", "reportingHosts") == 2 && pricing.number("findCar", "requestCount") == 8);
        assertThat(pricing.command("listCars")).isNull();
    }

    @Test
    @Order(2)
    void theDashboardShowsEveryCircuitLiveAndAForcedOpenOne() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("FLEET_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getenv().getOrDefault("FLEET_CHROMEDRIVER", "/usr/bin/chromedriver"));
        // ARCHITECTURE convention: FLEET_IT_BROWSER set (CI) → the browser test must run, so a missing browser fails it
        requireBrowser(Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
                "no headless browser: install Debian chromium and chromium-driver (apt-get install -y chromium chromium-driver)"
                        + " or set FLEET_CHROMIUM / FLEET_CHROMEDRIVER; looked for " + chromium + " and " + chromedriver);

        try (Traffic traffic = new Traffic()) {
            ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new",
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                    "--user-data-dir=" + Files.createTempDirectory("fleet-chromium"));
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));   // the page's console, kept on failure
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
            WebDriver browser = new ChromeDriver(service, options);
            try {
                browser.get("http://127.0.0.1:" + dashboard.port() + "/");
                browser.findElement(By.linkText("fleet — every instance")).click();

                for (String command : List.of("findCar", "findCustomer", "listCars")) {
                    await(WAIT, command + "'s circuit with a non-zero rate", () -> rate(browser, command) > 0);
                }

                for (AppJar pricing : List.of(pricing1, pricing2)) {
                    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(pricing.admin("/tasks/circuit?command=findCustomer&state=open")))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
                }
                await(WAIT, "findCustomer shows Open", () -> status(browser, "findCustomer").contains("Open"));
                assertThat(status(browser, "findCar")).contains("Closed");

                File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
                Path target = Path.of("target", "dashboard-fleet.png");
                Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(target)).isGreaterThan(10_000);
            } catch (AssertionError | RuntimeException e) {
                keepEvidence(browser);
                throw e;
            } finally {
                browser.quit();
                for (AppJar pricing : List.of(pricing1, pricing2)) {
                    HTTP.send(HttpRequest.newBuilder(URI.create(pricing.admin("/tasks/circuit?command=findCustomer&state=normal")))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                }
            }
        }
    }

    @Test
    @Order(3)
    void aKilledInstanceLeavesTheSumsWhileTheStreamFlows() throws Exception {
        StreamWatcher fleet = watch("fleet");
        try (Traffic traffic = new Traffic()) {
            await(WAIT, "both pricing-service instances report findCustomer", () -> fleet.number("findCustomer", "reportingHosts") == 2);

            long killedAt = System.nanoTime();
            pricing2.close();   // SIGKILL

            await(WAIT, "the killed instance left the sums", () -> fleet.number("findCustomer", "reportingHosts") == 1
                    && fleet.number("findCar", "reportingHosts") == 2);
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(INSTANCE_TIMEOUT.plusSeconds(5));
            long events = fleet.events.get();
            await(WAIT, "events keep coming from the others", () -> fleet.events.get() > events + 10);
        }
    }

    /** Skips the browser test when {@code condition} is false, or fails it when {@code FLEET_IT_BROWSER} is set. */
    private static void requireBrowser(boolean condition, String message) {
        String required = System.getenv("FLEET_IT_BROWSER");
        if (required != null && !required.isBlank()) {
            assertThat(condition).as("FLEET_IT_BROWSER is set but " + message).isTrue();
        } else {
            assumeTrue(condition, message + " (set FLEET_IT_BROWSER=1 to make this a failure)");
        }
    }

    /** On failure: target/dashboard-failure.png, .html and the browser console in .log. */
    private static void keepEvidence(WebDriver browser) {
        try {
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "dashboard-failure.png"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(Path.of("target", "dashboard-failure.html"), browser.getPageSource());
            StringBuilder console = new StringBuilder();
            browser.manage().logs().get("browser").forEach(entry -> console.append(entry).append('\n'));
            Files.writeString(Path.of("target", "dashboard-failure.log"), console);
        } catch (Exception e) {
            System.err.println("cannot keep the browser's evidence: " + e);
        }
    }

    /** The rate the dashboard shows for {@code command} (cluster, per second), -1 while it has no circuit for it. */
    private static double rate(WebDriver browser, String command) {
        // read in the page in one go: the dashboard re-renders and re-sorts circuits every update
        Object value = ((JavascriptExecutor) browser).executeScript(
                "var e = document.getElementById(arguments[0]); return e ? e.getAttribute('rate_value') : null;", "CIRCUIT_" + command + "_0");
        return value == null || value.toString().isBlank() ? -1 : Double.parseDouble(value.toString());
    }

    /** The circuit status text ("Circuit Closed", "Circuit Forced Open", ...), empty while there is no circuit. */
    private static String status(WebDriver browser, String command) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "var e = document.querySelector(arguments[0]); return e ? e.textContent : '';", "#CIRCUIT_" + command + "_0 .circuitStatus");
        return text == null ? "" : text.toString().replaceAll("\\s+", " ").trim();
    }

    /**
     * Quotes on both pricing-service instances and the monolith's car reads, every 100 ms, until closed. Answers are
     * not checked: a cold JVM's first calls may time out, and the last test kills an instance.
     */
    private static final class Traffic implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::run, "traffic");

        Traffic() {
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (running.get()) {
                for (String url : List.of(quote(pricing1), quote(pricing2), monolith.url("/api/cars/" + CAR), monolith.url("/api/cars"))) {
                    try {
                        Get.status(url);
                    } catch (Exception e) {
                        // a killed instance: expected in the last test
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }
}
