package dev.fleet.platform.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HystrixPropertyRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hystrix.command.findCar.execution.isolation.thread.timeoutInMilliseconds | 500",
            "hystrix.command.findCar.execution.isolation.thread.timeoutInMilliseconds | 600000",
            "hystrix.command.default.execution.isolation.thread.timeoutInMilliseconds | 1",
            "hystrix.command.findCar.circuitBreaker.forceOpen | TRUE",
            "hystrix.command.findCar.circuitBreaker.errorThresholdPercentage | 0",
            "hystrix.command.findCar.execution.isolation.strategy | SEMAPHORE",
            "hystrix.command.my.dotted.key.fallback.enabled | false",
            "hystrix.threadpool.catalog.coreSize | 25",
            "hystrix.threadpool.default.maxQueueSize | -1",
            "edge.weight.catalog | anything goes outside hystrix.*",
    })
    void accepts(String property, String value) {
        assertThat(HystrixPropertyRules.check(property, value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hystrix.command.findCar.execution.isolation.thread.timeoutInMilliseconds | soon | not a whole number",
            "hystrix.command.findCar.execution.isolation.thread.timeoutInMilliseconds | 1.5 | not a whole number",
            "hystrix.command.findCar.execution.isolation.thread.timeoutInMilliseconds | -5 | out of range 1..600000",
            "hystrix.command.findCar.execution.isolation.thread.timeoutInMilliseconds | 0 | out of range",
            "hystrix.command.findCar.execution.isolation.thread.timeoutInMilliseconds | 99999999999999999999 | not a whole number",
            "hystrix.command.findCar.execution.isolation.thread.timeoutInMilliseconds | 600001 | out of range",
            "hystrix.command.findCar.circuitBreaker.errorThresholdPercentage | 101 | out of range 0..100",
            "hystrix.command.findCar.circuitBreaker.forceOpen | yes | not true or false",
            "hystrix.command.findCar.execution.isolation.strategy | FIBER | not one of",
            "hystrix.threadpool.catalog.coreSize | 0 | out of range 1..1000",
            "hystrix.threadpool.catalog.coreSize | 100000 | out of range 1..1000",
            "hystrix.command.findCar.execution.isolation.thread.timeout | 100 | unknown Hystrix command property",
            "hystrix.command.execution.isolation.thread.timeoutInMilliseconds | 100 | unknown Hystrix command property",
            "hystrix.threadpool.catalog.size | 10 | unknown Hystrix thread-pool property",
            "hystrix.collapser.default.maxRequestsInBatch | 10 | unknown Hystrix property",
            "hystrix.plugin.HystrixMetricsPublisher.implementation | x.Y | unknown Hystrix property",
    })
    void rejects(String property, String value, String reason) {
        assertThat(HystrixPropertyRules.check(property, value)).hasValueSatisfying(why -> assertThat(why).contains(reason));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "'   '"})
    void rejectsEmptyValues(String value) {
        assertThat(HystrixPropertyRules.check("hystrix.threadpool.catalog.coreSize", value)).hasValue("empty value");
    }
}
