package dev.fleet.launcher;

import java.time.Duration;
import java.util.Locale;

/** The table {@code ./fleet up} prints once everything is healthy. */
final class Table {
    private Table() {
    }

    static String ready(Plan plan, Duration took) {
        StringBuilder s = new StringBuilder("\n");
        Instance edge = plan.first(AppKind.EDGE);
        s.append(row("edge (API)", edge.url("/api/cars"), "writes need -H 'X-Api-Key: " + plan.apiKey() + "'"));
        s.append(row("edge admin", edge.adminUrl("/routes"), "route table, /health, /metrics"));
        s.append(row("Hystrix dashboard", plan.first(AppKind.DASHBOARD).url("/"), "every circuit of every instance"));
        s.append(row("Turbine", plan.first(AppKind.TURBINE).url("/turbine.stream?cluster=fleet"), "the aggregated stream"));
        for (Instance i : plan.instances()) {
            if (i.kind().isDropwizard()) {
                s.append(row(i.id(), i.url(""), "admin " + i.adminUrl("/healthcheck") + "  stream " + i.adminUrl("/hystrix.stream")));
            }
        }
        s.append(row("Kafka", plan.kafkaBootstrap(), plan.embeddedKafka() ? "embedded, data in " + plan.var().resolve("kafka") : "external"));
        s.append(row("AMQP", plan.amqpUri().replaceAll("//[^@/]*@", "//"), plan.embeddedAmqp() ? "embedded, data in " + plan.var().resolve("amqp") : "external"));
        s.append(row("Consul", plan.options().consulUrl() == null ? "none" : plan.options().consulUrl(),
                plan.options().consulUrl() == null ? "static discovery table" : "discovery and live settings"));
        s.append(row("logs", plan.var().resolve("logs") + "/", "one file per app"));
        s.append(String.format(Locale.ROOT, "%nFleet is ready: stage %s, %d processes, in %d s. Ctrl-C or ./fleet down stops it.%n%n",
                plan.stage().label(), plan.instances().size(), took.toSeconds()));
        return s.toString();
    }

    private static String row(String what, String where, String note) {
        return String.format(Locale.ROOT, "  %-22s %-52s %s%n", what, where, note);
    }
}
