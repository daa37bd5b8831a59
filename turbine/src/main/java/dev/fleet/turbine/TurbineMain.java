package dev.fleet.turbine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar turbine.jar [turbine.properties]}: Turbine on {@code host:port} (127.0.0.1:8989), instances
 * from Consul when {@code consulUrl} is set, else from the static table.
 */
public final class TurbineMain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TurbineMain.class);

    private final TurbineServer server;
    private final ConsulInstances consul;

    private TurbineMain(TurbineServer server, ConsulInstances consul) {
        this.server = server;
        this.consul = consul;
    }

    public static TurbineMain start(TurbineConfig config) throws java.io.IOException {
        Instances instances = new Instances();
        ConsulInstances consul = null;
        if (config.consulEnabled()) {
            consul = new ConsulInstances(URI.create(config.consulUrl()), config.consulTag(), config.consulScan(), instances).start();
        } else {
            for (Map.Entry<String, List<URI>> app : config.instances().entrySet()) {
                List<URI> streams = app.getValue();
                instances.replace(app.getKey(), streams.stream()
                        .map(uri -> new Instance(app.getKey(), app.getKey() + "-" + uri.getHost() + "-" + uri.getPort(), uri))
                        .toList());
            }
        }
        ClusterStreams clusters = new ClusterStreams(instances, config.instanceTimeout(), config.reconnectDelay());
        TurbineServer server = new TurbineServer(clusters, config.host(), config.port(), config.heartbeat()).start();
        LOG.info("Turbine on http://{}:{}/turbine.stream?cluster={} (instances from {})", config.host(), server.port(),
                ClusterStreams.ALL, config.consulEnabled() ? "Consul " + config.consulUrl() : "the static table");
        return new TurbineMain(server, consul);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        if (consul != null) {
            consul.close();
        }
    }

    public static void main(String[] args) throws Exception {
        TurbineConfig config = TurbineConfig.load(args.length > 0 ? Path.of(args[0]) : null, System::getenv);
        TurbineMain turbine = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(turbine::close, "turbine-stop"));
    }
}
