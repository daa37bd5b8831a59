package dev.fleet.turbine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The instances Turbine currently reads, filled by the static table or the Consul watch, and the applications
 * (clusters) known so far. Listeners see every change; a new listener first sees every current instance as added.
 */
public final class Instances {
    /** Told about membership changes; called under this registry's lock, so keep it quick. */
    public interface Listener {
        void added(Instance instance);

        void removed(Instance instance);
    }

    private final Map<String, Instance> byId = new LinkedHashMap<>();
    private final Set<String> applications = new TreeSet<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Makes {@code now} the instances of {@code app}: the others of that app are removed. */
    public synchronized void replace(String app, Collection<Instance> now) {
        applications.add(app);
        Map<String, Instance> wanted = new LinkedHashMap<>();
        now.forEach(instance -> wanted.put(instance.id(), instance));
        for (Instance old : List.copyOf(byId.values())) {
            if (old.app().equals(app) && !old.equals(wanted.get(old.id()))) {
                byId.remove(old.id());
                listeners.forEach(listener -> listener.removed(old));
            }
        }
        for (Instance instance : wanted.values()) {
            if (!instance.equals(byId.get(instance.id()))) {
                byId.put(instance.id(), instance);
                listeners.forEach(listener -> listener.added(instance));
            }
        }
    }

    /** Registers {@code listener}, tells it every current instance, and returns how to unregister it. */
    public synchronized Runnable listen(Listener listener) {
        listeners.add(listener);
        byId.values().forEach(listener::added);
        return () -> listeners.remove(listener);
    }

    public synchronized List<Instance> current() {
        return new ArrayList<>(byId.values());
    }

    /** Every application seen since start (static table or Consul), even when it has no instance right now. */
    public synchronized Set<String> applications() {
        return new TreeSet<>(applications);
    }
}
