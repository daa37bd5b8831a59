package dev.fleet.contract;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.fleet.contract.Fixtures.inDays;
import static dev.fleet.contract.Fixtures.reservationBody;
import static dev.fleet.contract.Fixtures.unique;

/** Seeds through Fleet's public HTTP API: cars at {@code /api/cars}, customers and reservations at the main API. */
public final class ApiSeed implements Seed {

    private final Http api;
    private final Http cars;

    private ApiSeed(Http api, Http cars) {
        this.api = api;
        this.cars = cars;
    }

    /** Everything through one API (the monolith's). */
    public static ApiSeed through(Http api) {
        return new ApiSeed(api, api);
    }

    /** Cars created at another API (the catalog that pricing and reservations read), the rest as before. */
    public ApiSeed carsAt(Http catalog) {
        return new ApiSeed(api, catalog);
    }

    @Override
    public String car(String dailyRate) {
        String id = unique("CT-");
        cars.post("/api/cars", "{\"id\":\"" + id + "\",\"manufacturer\":\"Contract\",\"model\":\"Seed\",\"category\":\"COMPACT\","
                + "\"dailyRate\":" + dailyRate + ",\"location\":\"MAD\"}").expect(201);
        return id;
    }

    @Override
    public String customer() {
        String tag = unique("");
        return api.post("/api/customers", "{\"name\":\"Contract " + tag + "\",\"email\":\"c" + tag.toLowerCase() + "@example.com\","
                + "\"licenceNumber\":\"CT-" + tag + "\"}").json(201).get("id").asText();
    }

    @Override
    public Booking book() {
        String customer = customer();
        JsonNode reservation = api.post("/api/reservations", reservationBody(customer, car("45.00"), inDays(10), inDays(13)))
                .json(201);
        return new Booking(reservation.get("id").asText(), customer, reservation.get("total").decimalValue(),
                reservation.get("currency").asText());
    }

    @Override
    public void cancel(Booking booking) {
        api.delete("/api/reservations/" + booking.reservationId()).expect(200);
    }
}
