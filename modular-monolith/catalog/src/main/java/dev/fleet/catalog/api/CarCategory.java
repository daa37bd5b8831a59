package dev.fleet.catalog.api;

/** Rental categories, smallest to largest. */
public enum CarCategory {
    ECONOMY, COMPACT, MIDSIZE, FULLSIZE, SUV, VAN, LUXURY, SPORTS
}
