package dev.fleet.edge;

import com.netflix.client.config.IClientConfig;
import com.netflix.loadbalancer.ServerListUpdater;
import java.util.Date;

/**
 * Pushes {@link Origins} changes into Ribbon at once (Ribbon's default updater polls every 30 s): a Consul change or
 * a killed instance leaves the load balancer as soon as the watch reports it.
 */
public class EdgeServerListUpdater implements ServerListUpdater {
    private volatile Runnable listener;
    private volatile long lastUpdate = System.currentTimeMillis();

    public EdgeServerListUpdater() {
    }

    /** The constructor Ribbon's factory looks for first (it warns when there is none). */
    public EdgeServerListUpdater(IClientConfig config) {
    }

    @Override
    public synchronized void start(UpdateAction action) {
        if (listener == null) {
            listener = () -> {
                lastUpdate = System.currentTimeMillis();
                action.doUpdate();
            };
            Origins.addListener(listener);
        }
    }

    @Override
    public synchronized void stop() {
        if (listener != null) {
            Origins.removeListener(listener);
            listener = null;
        }
    }

    @Override
    public String getLastUpdate() {
        return new Date(lastUpdate).toString();
    }

    @Override
    public long getDurationSinceLastUpdateMs() {
        return System.currentTimeMillis() - lastUpdate;
    }

    @Override
    public int getNumberMissedCycles() {
        return 0;
    }

    @Override
    public int getCoreThreads() {
        return 0;
    }
}
