package dev.fleet.contract.targets;

import com.netflix.hystrix.Hystrix;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The apps a target test class runs, in this JVM: started in the given order before the class's tests, stopped in
 * reverse after them. Hystrix state is JVM-global, so it is reset before and after: each target class starts clean.
 * <pre>{@code
 * static final StackApp CATALOG = StackApp.catalogService();
 * static final StackApp MONOLITH = StackApp.monolith().set("catalog.mode", "remote").remote("catalog", CATALOG);
 * static final TestStack STACK = TestStack.of(CATALOG, MONOLITH); // a @RegisterExtension field
 * }</pre>
 */
public final class TestStack implements BeforeAllCallback, AfterAllCallback {

    private final List<StackApp> apps;
    private final List<StackApp> running = new ArrayList<>();

    private TestStack(List<StackApp> apps) {
        this.apps = apps;
    }

    public static TestStack of(StackApp... apps) {
        return new TestStack(List.of(apps));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Hystrix.reset();
        try {
            for (StackApp app : apps) {
                app.start();
                running.add(0, app);
            }
        } catch (Exception | Error e) {
            stopAll();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopAll();
    }

    private void stopAll() {
        RuntimeException failure = null;
        for (StackApp app : List.copyOf(running)) {
            try {
                app.stop();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            running.remove(app);
        }
        Hystrix.reset();
        if (failure != null) {
            throw failure;
        }
    }
}
