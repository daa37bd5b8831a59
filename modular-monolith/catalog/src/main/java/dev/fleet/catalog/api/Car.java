package dev.fleet.catalog.api;

import java.math.BigDecimal;

/**
 * A rentable car. {@code id}, {@code manufacturer} and {@code model} are the original contract; the daily
 * rate is money (two decimal places) in the fleet's currency, location an IATA-style branch code.
 */
public record Car(String id, String manufacturer, String model, CarCategory category, BigDecimal dailyRate, String location) {
}
