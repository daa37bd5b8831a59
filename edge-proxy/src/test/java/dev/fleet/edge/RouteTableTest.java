package dev.fleet.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing and validation of the route table, and the sticky choice (a unit: no HTTP). */
class RouteTableTest {
    @Test
    void matchesWholePathSegmentsLongestPrefixFirst() {
        RouteTable t = RouteTable.parse(Map.of("route.a.prefix", "/api", "route.b.prefix", "/api/cars",
                "route.b.service", "catalog-service", "route.b.weight", "10"));
        assertThat(t.match("/api/cars").name()).isEqualTo("b");
        assertThat(t.match("/api/cars/1").name()).isEqualTo("b");
        assertThat(t.match("/api/carsX").name()).isEqualTo("a");
        assertThat(t.match("/other")).isNull();
    }

    @Test
    void refusesInvalidTablesNamingTheProblem() {
        assertThatThrownBy(() -> RouteTable.parse(Map.of())).hasMessageContaining("empty");
        assertThatThrownBy(() -> RouteTable.parse(Map.of("route.a.prefix", "/x", "route.a.service",
                "catalog-service", "route.a.weight", "101"))).hasMessageContaining("weight must be 0-100");
        assertThatThrownBy(() -> RouteTable.parse(Map.of("route.a.prefix", "/x", "route.a.service",
                "catalog-service", "route.a.weight", "ten"))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> RouteTable.parse(Map.of("route.a.prefix", "/x", "route.a.service", "mystery",
                "route.a.weight", "1"))).hasMessageContaining("unknown service");
        assertThatThrownBy(() -> RouteTable.parse(Map.of("route.a.prefix", "/tasks"))).hasMessageContaining(
                "not routable");
        assertThatThrownBy(() -> RouteTable.parse(Map.of("route.a.prefix", "api"))).hasMessageContaining("prefix");
        assertThatThrownBy(() -> RouteTable.parse(Map.of("route.a.prefix", "/x", "route.b.prefix", "/x")))
                .hasMessageContaining("same prefix");
        assertThatThrownBy(() -> RouteTable.parse(Map.of("route.a.prefix", "/x", "route.a.colour", "red")))
                .hasMessageContaining("unknown route attribute");
    }

    @Test
    void theChoiceIsStickyAndMonotonicInTheWeight() {
        RouteTable.Route r30 = new RouteTable.Route("c", "/c", "catalog-service", 30);
        RouteTable.Route r60 = new RouteTable.Route("c", "/c", "catalog-service", 60);
        for (int i = 0; i < 500; i++) {
            String id = "client-" + i;
            assertThat(RouteTable.choose(r30, id, null)).isEqualTo(RouteTable.choose(r30, id, null));
            if (RouteTable.choose(r30, id, null).equals("catalog-service")) {
                // raising the weight only moves clients towards the service, never back
                assertThat(RouteTable.choose(r60, id, null)).isEqualTo("catalog-service");
            }
        }
    }
}
