package dev.fleet.loadtests;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsTest {

    @Test
    void medianOfAnOddNumberOfRunsIsTheMiddleOne() {
        Stats stats = new Stats(List.of(300.0, 100.0, 200.0));
        assertThat(stats.median()).isEqualTo(200.0);
        assertThat(stats.min()).isEqualTo(100.0);
        assertThat(stats.max()).isEqualTo(300.0);
    }

    @Test
    void medianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
        assertThat(new Stats(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    }

    @Test
    void rateIsMessagesPerSecond() {
        assertThat(Stats.rate(500, 250_000_000L)).isEqualTo(2000.0);
    }

    @Test
    void noRunsIsAnError() {
        assertThatThrownBy(() -> new Stats(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
