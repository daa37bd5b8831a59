package dev.fleet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The commands other than up: bad input is named before anything is touched; without a running Fleet they say so. */
class CommandsTest {
    @TempDir
    Path var;

    int run(String... words) {
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()), false);
        return Fleet.run(words[0], List.of(words).subList(1, words.length), Path.of("."), var, console);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "route /api/nope --weight 5|'/api/nope' is not a route with a service; routes: /api/cars, /api/quotes, /api/invoices, /api/notifications",
            "route /api/cars --weight 101|--weight must be a whole number from 0 to 100, got '101'",
            "route /api/cars --weight half|--weight must be a whole number from 0 to 100, got 'half'",
            "route /api/cars|route needs a path and a weight",
            "fault shop --latency 10|fault: 'shop' is not an app with a fault task (apps: monolith, catalog-service",
            "fault edge-proxy --latency 10|fault: 'edge-proxy' is not an app with a fault task",
            "fault pricing-service|fault needs --latency and/or --error-rate",
            "fault pricing-service --latency|--latency needs a value",
            "fault pricing-service --slow 10|fault: unknown option '--slow'",
            "stage|stage needs one of monolith, strangler, extracted",
            "stage bogus|unknown stage 'bogus'",
            "kill|kill needs one app instance",
            "restart|restart needs a broker",
            "restart zookeeper|restart: unknown broker 'zookeeper' (expected kafka or amqp)",
            "restart kafka --down|restart needs a broker and optionally how long it stays down",
            "restart kafka --down forever|--down must be 0s to 300s, got 'forever'",
            "restart kafka --down 301s|--down must be 0s to 300s, got '301s'",
            "demo --rate 0|--rate must be a number of requests per second from 0 to 200, got '0'",
            "demo --duration soon|--duration must look like 60s or 5m, got 'soon'",
            "status now|status takes no arguments, got now",
            "launch|unknown command 'launch'",
    })
    void badInputIsNamed(String words, String message) {
        assertThatThrownBy(() -> run(words.split(" "))).isInstanceOf(UsageException.class).hasMessageContaining(message);
    }

    @Test
    void withoutARunningFleetTheCommandsSaySoAndDownIsANoOp() {
        for (String command : List.of("status", "stage extracted", "route /api/cars --weight 10", "fault monolith --clear",
                "kill monolith", "restart kafka", "demo")) {
            assertThatThrownBy(() -> run(command.split(" "))).as(command).isInstanceOf(FleetException.class)
                    .hasMessageContaining("Fleet is not running");
        }
        assertThat(run("down")).isZero();
    }

    @Test
    void aLauncherThatIsGoneIsReportedAndDownCleansItsStateUp() throws Exception {
        new State(Long.MAX_VALUE - 1, 1, "monolith", "k", "then", List.of()).write(var);
        assertThatThrownBy(() -> run("status")).isInstanceOf(FleetException.class)
                .hasMessageContaining("is gone; ./fleet down cleans up");
        assertThat(run("down")).isZero();
        assertThat(Files.exists(State.file(var))).isFalse();
    }
}
