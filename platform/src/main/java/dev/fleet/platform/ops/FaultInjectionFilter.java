package dev.fleet.platform.ops;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Applies the active {@link FaultRule}: delay, then with its probability a 503 marked {@code X-Fleet-Fault: injected}. */
public class FaultInjectionFilter implements Filter {
    public static final String HEADER = "X-Fleet-Fault";

    private final FaultInjection faults;

    public FaultInjectionFilter(FaultInjection faults) {
        this.faults = faults;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        Optional<FaultRule> rule = faults.rule().filter(r -> r.matches(request.getRequestURI()));
        if (rule.isPresent()) {
            FaultRule r = rule.get();
            if (r.latencyMs() > 0) {
                try {
                    Thread.sleep(r.latencyMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // errorRate 1.0 must always fail: nextDouble() is in [0, 1)
            if (ThreadLocalRandom.current().nextDouble() < r.errorRate()) {
                HttpServletResponse response = (HttpServletResponse) res;
                response.setHeader(HEADER, "injected");
                JsonErrors.write(response, 503, "injected fault");
                return;
            }
        }
        chain.doFilter(req, res);
    }
}
