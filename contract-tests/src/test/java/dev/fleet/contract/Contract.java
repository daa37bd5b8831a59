package dev.fleet.contract;

/**
 * A capability of Fleet's public API as JUnit 5 default {@code @Test} methods. A target test class implements the
 * contracts it serves and answers {@link #target()}; the contracts speak HTTP only and know nothing of how the
 * target is built (ContractsAreBlackBoxTest keeps it so).
 */
public interface Contract {

    ApiTarget target();

    default Http api() {
        return target().api();
    }

    default Seed seed() {
        return target().seed();
    }
}
