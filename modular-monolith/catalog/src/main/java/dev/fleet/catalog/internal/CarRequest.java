package dev.fleet.catalog.internal;

import java.math.BigDecimal;

/**
 * The body of POST and PUT /api/cars. Everything is optional at the JSON level so that one response can
 * name every problem; {@link CarService} validates. Clients of the original contract send only
 * id, manufacturer and model.
 */
public record CarRequest(String id, String manufacturer, String model, String category, BigDecimal dailyRate, String location) {
}
