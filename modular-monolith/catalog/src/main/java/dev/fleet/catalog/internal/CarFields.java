package dev.fleet.catalog.internal;

import dev.fleet.platform.validation.AmountField;
import dev.fleet.platform.validation.TextField;

import java.util.regex.Pattern;

/** The limits of every car field the API takes, each stated once (docs/api-limits.md lists them for clients). */
final class CarFields {

    static final TextField ID = TextField.id("id", "cars.id");
    static final TextField MANUFACTURER = TextField.text("manufacturer", "cars.manufacturer", 100);
    static final TextField MODEL = TextField.text("model", "cars.model", 100);
    static final TextField LOCATION = TextField.shaped("location", "cars.location", 3, Pattern.compile("[A-Z]{3}"),
            "a three-letter upper-case branch code such as MAD");
    /** 10,000.00 a day: dearer than any car a rental company lets; a larger number is a typing error, not a price. */
    static final AmountField DAILY_RATE = AmountField.cents("dailyRate", "cars.daily_rate", "10000.00");

    private CarFields() {
    }
}
