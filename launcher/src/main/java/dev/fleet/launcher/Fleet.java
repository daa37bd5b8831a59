package dev.fleet.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./fleet <command>}: the launcher's entry point. {@code up} runs the system in the foreground; the other
 * commands talk to it through {@code var/fleet.json} and its control port. The repository root comes from
 * {@code -Dfleet.root} (the wrapper sets it), the var dir from {@code FLEET_VAR_DIR} (default {@code var/}).
 */
public final class Fleet {
    static final String USAGE = """
            Usage: ./fleet <command> [options]

              up [--stage monolith|strangler|extracted] [--instances catalog-service=2,…] [--consul URL]
                 [--kafka HOST:PORT] [--amqp URI] [--db-url JDBC] [--port-offset N]
                        build what is missing or stale, start the whole system (embedded Kafka and AMQP brokers,
                        monolith, four services, edge, Turbine, dashboard), wait until healthy, print the URLs;
                        logs go to the terminal and var/logs/; Ctrl-C stops everything
              down      stop a running Fleet (reverse order); also cleans up after a killed launcher
              status    processes, health and open circuits
              stage monolith|strangler|extracted
                        move the running system to another stage (edge weights live, changed apps restarted)
              route /api/cars --weight 50
                        send this share (0-100) of the path's clients to its service, live
              fault <app> [--latency MS] [--error-rate 0..1] [--path /api/…]   |   fault <app> --clear
                        inject latency and/or errors into every instance of an app (its admin fault task)
              kill <app>    SIGKILL one instance (e.g. catalog-service, catalog-service-2); it stays down
              start <app>   start a killed instance again
              restart kafka|amqp [--down 5s]
                        stop an embedded broker, keep it down that long, start it again (same port and data)
              demo [--rate 5] [--duration 60s]
                        steady light traffic through the edge (browse, quote, reserve, cancel) until Ctrl-C
              compare [--rate 50] [--duration 60s] [--ramp 10s] [--warmup 90s] [--stages monolith,strangler,extracted]
                      [--scenarios healthy,pricing-latency,catalog-killed,kafka-restart,amqp-restart] [--out reports]
                        start each stage in turn, run the Gatling workload under each scenario, check no message
                        was lost, write reports/compare-<timestamp>/ (index.html, summary.md); run by ./fleet itself
              run <app>     one app alone in the foreground (monolith or a service), configured only by your
                            FLEET_* variables, e.g. FLEET_PRICING_MODE=remote ./fleet run monolith
              help      this text

            Stages: monolith (the monolith answers; catalog-service copies it, pricing-service runs in parallel),
            strangler (the monolith calls the services; the edge sends 50 % of clients to them), extracted (100 %).
            Environment: FLEET_JAVA_OPTS (extra JVM options for every app), FLEET_JAVA_OPTS_<APP> (for one app, e.g.
            FLEET_JAVA_OPTS_MONOLITH=-Ddw.remote.client.timeout=2s), FLEET_API_KEY (edge key, default fleet-dev-key),
            FLEET_VAR_DIR (default var/). Docs: docs/launcher.md.
            """;

    private Fleet() {
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("fleet.root", ".")).toAbsolutePath().normalize();
        String varDir = System.getenv("FLEET_VAR_DIR");
        Path var = varDir == null || varDir.isBlank() ? root.resolve("var") : Path.of(varDir).toAbsolutePath();
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        Console console = Console.system();
        try {
            int status = run(args.length == 0 ? "help" : args[0], rest, root, var, console);
            System.exit(status);
        } catch (UsageException e) {
            System.err.println("fleet: " + e.getMessage());
            System.err.println("(./fleet help lists the commands)");
            System.exit(2);
        } catch (FleetException e) {
            System.err.println("fleet: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String command, List<String> args, Path root, Path var, Console console) {
        Commands commands = new Commands(var);
        return switch (command) {
            case "up" -> {
                String key = System.getenv().getOrDefault("FLEET_API_KEY", Plan.DEFAULT_API_KEY);
                Map<AppKind, List<String>> perApp = new EnumMap<>(AppKind.class);
                for (AppKind kind : AppKind.values()) {
                    perApp.put(kind, options(System.getenv(Plan.javaOptionsVariable(kind))));
                }
                Plan plan = new Plan(root, var, UpOptions.parse(args), javaCommand(), options(System.getenv("FLEET_JAVA_OPTS")),
                        perApp, key);
                new Launcher(plan, console).run();
                yield 0;
            }
            case "down" -> commands.down(args);
            case "status" -> commands.status(args);
            case "stage" -> commands.stage(args);
            case "route" -> commands.route(args);
            case "fault" -> commands.fault(args);
            case "kill" -> commands.kill(args);
            case "start" -> commands.start(args);
            case "restart" -> commands.restart(args);
            case "demo" -> new Demo(var, console).run(args);
            case "help", "-h", "--help" -> {
                System.out.print(USAGE);
                yield 0;
            }
            default -> throw new UsageException("unknown command '" + command + "'");
        };
    }

    /** The apps run on the launcher's own JDK. */
    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static List<String> options(String value) {
        return value == null || value.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(value.trim().split("\\s+")));
    }
}
