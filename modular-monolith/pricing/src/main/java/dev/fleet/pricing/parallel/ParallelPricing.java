package dev.fleet.pricing.parallel;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.ops.RequestIds;
import dev.fleet.platform.remote.RemoteClientException;
import dev.fleet.pricing.api.Pricing;
import dev.fleet.pricing.api.Quote;
import dev.fleet.pricing.api.QuoteLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parallel run (the "scientist" pattern, docs/adr/0008-parallel-run.md): every quote is computed by the
 * {@code control} (the trusted, local pricing) on the caller's thread and, at the same time, by the {@code candidate}
 * (in production the remote pricing-service) on {@code candidates}. The caller always gets the control's answer — its
 * quote, or its exception rethrown as is — and never waits for the candidate: the comparison happens when the candidate
 * finishes, on the candidate's thread (or right away on the caller's, if the candidate was done first: a cheap
 * comparison). A candidate still running after {@code candidateTimeout} counts as a candidate error; when
 * {@code candidates} refuses the task (all threads busy, queue full), the run is skipped.
 *
 * <p>Every run ends in exactly one outcome counter (names under {@code pricing.parallel.}):
 * <table>
 * <tr><th>control</th><th>candidate</th><th>counted as</th></tr>
 * <tr><td>quote</td><td>same quote by value</td><td>{@code matches}</td></tr>
 * <tr><td>quote</td><td>other quote, or a 4xx</td><td>{@code mismatches} (WARN log)</td></tr>
 * <tr><td>4xx</td><td>the same 4xx status</td><td>{@code matches}</td></tr>
 * <tr><td>4xx</td><td>a quote, or another 4xx</td><td>{@code mismatches} (WARN log)</td></tr>
 * <tr><td>quote or 4xx</td><td>any other exception, or too slow</td><td>{@code candidate.errors} (+ {@code candidate.timeouts})</td></tr>
 * <tr><td>any other exception</td><td>anything</td><td>{@code inconclusive}: nothing to judge the candidate against</td></tr>
 * <tr><td>any</td><td>not started: no room</td><td>{@code skipped}</td></tr>
 * </table>
 * plus the timers {@code pricing.parallel.control} and {@code pricing.parallel.candidate}. A 4xx is an
 * {@link ApiException} or a {@link RemoteClientException} with a 4xx status (the remote adapter's form of the same 422);
 * only the status is compared, as the remote form does not carry the error list.
 */
public class ParallelPricing implements Pricing {

    static final Logger LOG = LoggerFactory.getLogger(ParallelPricing.class);
    public static final String METRICS = "pricing.parallel";

    private final Pricing control;
    private final Pricing candidate;
    private final Executor candidates;
    private final Duration candidateTimeout;

    private final Timer controlTimer;
    private final Timer candidateTimer;
    private final Counter matches;
    private final Counter mismatches;
    private final Counter candidateErrors;
    private final Counter candidateTimeouts;
    private final Counter inconclusive;
    private final Counter skipped;

    /**
     * @param candidates runs the candidate; bound it (fixed threads, bounded queue, rejecting when full — see
     *                   {@link ParallelRunSettings#build}) so a slow candidate costs at most those threads, never the caller
     * @param candidateTimeout how long a candidate may take before it counts as an error; above the candidate's own
     *                   (Hystrix) timeout, so that one normally answers first
     */
    public ParallelPricing(Pricing control, Pricing candidate, MetricRegistry metrics, Executor candidates, Duration candidateTimeout) {
        this.control = Objects.requireNonNull(control, "control");
        this.candidate = Objects.requireNonNull(candidate, "candidate");
        this.candidates = Objects.requireNonNull(candidates, "candidates");
        if (candidateTimeout.isNegative() || candidateTimeout.isZero()) {
            throw new IllegalArgumentException("candidateTimeout must be positive, got " + candidateTimeout);
        }
        this.candidateTimeout = candidateTimeout;
        controlTimer = metrics.timer(METRICS + ".control");
        candidateTimer = metrics.timer(METRICS + ".candidate");
        matches = metrics.counter(METRICS + ".matches");
        mismatches = metrics.counter(METRICS + ".mismatches");
        candidateErrors = metrics.counter(METRICS + ".candidate.errors");
        candidateTimeouts = metrics.counter(METRICS + ".candidate.timeouts");
        inconclusive = metrics.counter(METRICS + ".inconclusive");
        skipped = metrics.counter(METRICS + ".skipped");
    }

    @Override
    public Quote quote(String carId, LocalDate from, LocalDate to, String customerId) {
        Inputs inputs = new Inputs(carId, from, to, customerId, RequestIds.current().orElse(null));
        // started first, so it runs while the control computes on this thread
        CompletableFuture<Outcome> candidateRun = startCandidate(inputs);

        Outcome controlOutcome;
        try (Timer.Context ignored = controlTimer.time()) {
            controlOutcome = Outcome.of(control.quote(carId, from, to, customerId));
        } catch (RuntimeException e) {
            controlOutcome = Outcome.failed(e);
        }

        if (candidateRun != null) {
            Outcome controlResult = controlOutcome;
            candidateRun.whenComplete((candidateResult, failure) -> judge(inputs, controlResult, candidateResult, failure));
        }
        return controlOutcome.quoteOrThrow();
    }

    private CompletableFuture<Outcome> startCandidate(Inputs in) {
        try {
            return CompletableFuture.supplyAsync(RequestIds.propagating(() -> runCandidate(in)), candidates)
                    .orTimeout(candidateTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            skipped.inc();
            LOG.debug("Pricing parallel run skipped (no room for the candidate): {}", in);
            return null;
        }
    }

    private Outcome runCandidate(Inputs in) {
        try (Timer.Context ignored = candidateTimer.time()) {
            return Outcome.of(candidate.quote(in.carId, in.from, in.to, in.customerId));
        } catch (RuntimeException e) {
            return Outcome.failed(e);
        }
    }

    /** Never throws: it runs on the candidate's (or the timeout's) thread, after the caller has its answer. */
    private void judge(Inputs in, Outcome controlResult, Outcome candidateResult, Throwable failure) {
        try {
            if (controlResult.error != null && clientStatus(controlResult.error).isEmpty()) {
                inconclusive.inc();
                return;
            }
            Throwable candidateError = failure != null ? unwrap(failure) : candidateResult.error;
            if (candidateError != null && clientStatus(candidateError).isEmpty()) {
                LOG.debug("Pricing parallel run: candidate failed for {}", in, candidateError);
                if (candidateError instanceof TimeoutException) {
                    candidateTimeouts.inc();
                }
                candidateErrors.inc();
                return;
            }
            if (agree(controlResult, candidateResult)) {
                matches.inc();
            } else {
                // logged before counted: whoever sees the count can find the line
                LOG.warn("Pricing parallel run mismatch for {}: control {} but candidate {}", in, controlResult, candidateResult);
                mismatches.inc();
            }
        } catch (RuntimeException e) {
            LOG.error("Pricing parallel run: could not compare the answers for {}", in, e);
        }
    }

    /** Both quotes equal by value, or both the same 4xx status (other errors were sorted out before). */
    private static boolean agree(Outcome control, Outcome candidate) {
        if (control.error == null && candidate.error == null) {
            return sameQuote(control.quote, candidate.quote);
        }
        if (control.error != null && candidate.error != null) {
            return clientStatus(control.error).equals(clientStatus(candidate.error));
        }
        return false;
    }

    /** Quote equality with amounts compared by value, so 70.8 (say, read back from JSON) equals 70.80. */
    static boolean sameQuote(Quote a, Quote b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.carId(), b.carId()) && Objects.equals(a.from(), b.from()) && Objects.equals(a.to(), b.to())
                && a.days() == b.days() && sameAmount(a.total(), b.total()) && Objects.equals(a.currency(), b.currency())
                && sameLines(a.breakdown(), b.breakdown());
    }

    private static boolean sameLines(List<QuoteLine> a, List<QuoteLine> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(a.get(i).label(), b.get(i).label()) || !sameAmount(a.get(i).amount(), b.get(i).amount())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? a == b : a.compareTo(b) == 0;
    }

    /** The 4xx status of an error the client caused (local or reported by the remote), empty for anything else. */
    static OptionalInt clientStatus(Throwable error) {
        int status = error instanceof ApiException api ? api.status()
                : error instanceof RemoteClientException remote ? remote.status() : 0;
        return status >= 400 && status < 500 ? OptionalInt.of(status) : OptionalInt.empty();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private record Inputs(String carId, LocalDate from, LocalDate to, String customerId, String requestId) {
        @Override
        public String toString() {
            return "quote(carId=" + carId + ", from=" + from + ", to=" + to + ", customerId=" + customerId + ")"
                    + (requestId == null ? "" : " [request " + requestId + "]");
        }
    }

    /** What one side answered: a quote or the exception it threw. */
    private record Outcome(Quote quote, RuntimeException error) {
        static Outcome of(Quote quote) {
            return new Outcome(quote, null);
        }

        static Outcome failed(RuntimeException error) {
            return new Outcome(null, error);
        }

        Quote quoteOrThrow() {
            if (error != null) {
                throw error;
            }
            return quote;
        }

        @Override
        public String toString() {
            if (error == null) {
                return String.valueOf(quote);
            }
            OptionalInt status = clientStatus(error);
            return (status.isPresent() ? status.getAsInt() + " " : "") + error.getClass().getSimpleName() + ": " + error.getMessage();
        }
    }
}
