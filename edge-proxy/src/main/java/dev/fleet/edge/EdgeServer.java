package dev.fleet.edge;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.config.ConfigurationManager;
import com.netflix.netty.common.accesslog.AccessLogPublisher;
import com.netflix.netty.common.channel.config.ChannelConfig;
import com.netflix.netty.common.channel.config.CommonChannelConfigKeys;
import com.netflix.netty.common.metrics.EventLoopGroupMetrics;
import com.netflix.netty.common.proxyprotocol.StripUntrustedProxyHeadersHandler;
import com.netflix.netty.common.status.ServerStatusManager;
import com.netflix.spectator.api.DefaultRegistry;
import com.netflix.spectator.api.Registry;
import com.netflix.spectator.api.Spectator;
import com.netflix.zuul.BasicRequestCompleteHandler;
import com.netflix.zuul.FilterFactory;
import com.netflix.zuul.FilterLoader;
import com.netflix.zuul.FilterUsageNotifier;
import com.netflix.zuul.StaticFilterLoader;
import com.netflix.zuul.context.ZuulSessionContextDecorator;
import com.netflix.zuul.filters.ZuulFilter;
import com.netflix.zuul.message.http.HttpRequestMessage;
import com.netflix.zuul.message.http.HttpResponseMessage;
import com.netflix.zuul.netty.filter.ZuulEndPointRunner;
import com.netflix.zuul.netty.filter.ZuulFilterChainRunner;
import com.netflix.zuul.netty.server.BaseServerStartup;
import com.netflix.zuul.netty.server.DefaultEventLoopConfig;
import com.netflix.zuul.netty.server.DirectMemoryMonitor;
import com.netflix.zuul.netty.server.MethodBinding;
import com.netflix.zuul.netty.server.NamedSocketAddress;
import com.netflix.zuul.netty.server.Server;
import com.netflix.zuul.netty.server.ZuulServerChannelInitializer;
import com.netflix.zuul.origins.BasicNettyOriginManager;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.configuration.AbstractConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Zuul 2 server of the edge (no Eureka, no Guice), its admin port and its origin/route sources. */
public final class EdgeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeServer.class);

    private final EdgeSettings settings;
    private final Registry registry = new DefaultRegistry();
    private final RouteSource routes;
    private final EdgeState state;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Server server;
    private AdminServer admin;
    private int port;

    public EdgeServer(EdgeSettings settings) {
        this.settings = settings;
        this.routes = new RouteSource(settings.withPrefix("route."), registry);
        this.state = new EdgeState(settings, routes, registry);
    }

    public EdgeServer start() throws Exception {
        Spectator.globalRegistry().add(registry); // Zuul's own meters (SpectatorUtils) go to the global registry
        configureZuul();
        OriginSources.start(settings, routes, closeables);

        FilterFactory factory = new EdgeFilterFactory(state);
        FilterLoader loader = new StaticFilterLoader(factory, Set.of(
                EdgeInboundFilter.class, EdgeErrorEndpoint.class, EdgeOutboundFilter.class));
        ServerStatusManager status = new ServerStatusManager(null) {
            @Override
            public void localStatus(InstanceInfo.InstanceStatus s) {
                // no Eureka to tell
            }
        };
        String bind = settings.get("edge.bind", "127.0.0.1");
        int wanted = settings.getInt("edge.port", 8080);
        BaseServerStartup startup = new BaseServerStartup(status, loader,
                new ZuulSessionContextDecorator(new BasicNettyOriginManager(registry)), (filter, st) -> registry.counter("edge.filter.executions", "filter", filter.getClass().getSimpleName(), "status", st.name()).increment(),
                new BasicRequestCompleteHandler(), registry, new DirectMemoryMonitor(registry),
                new EventLoopGroupMetrics(registry), new DefaultEventLoopConfig(), null, null,
                new AccessLogPublisher("fleet.edge.netty", (ch, req) -> "-")) {
            @Override
            protected Map<NamedSocketAddress, ChannelInitializer<?>> chooseAddrsAndChannels(ChannelGroup channels) {
                ChannelConfig cfg = defaultChannelConfig("main");
                // X-Forwarded-* from clients are not trusted: the edge is the first hop
                cfg.set(CommonChannelConfigKeys.allowProxyHeadersWhen, StripUntrustedProxyHeadersHandler.AllowWhen.NEVER);
                cfg.set(CommonChannelConfigKeys.preferProxyProtocolForClientIp, false);
                cfg.set(CommonChannelConfigKeys.isSSlFromIntermediary, false);
                cfg.set(CommonChannelConfigKeys.withProxyProtocol, false);
                ChannelConfig deps = defaultChannelDependencies("main");
                return Map.of(new NamedSocketAddress("http", new InetSocketAddress(bind, wanted)),
                        new EdgeChannelInitializer(String.valueOf(wanted), cfg, deps, channels));
            }
        };
        startup.init();
        server = startup.server();
        server.start();
        port = ((InetSocketAddress) server.getListeningAddresses().get(0).unwrap()).getPort();
        admin = new AdminServer(settings.get("edge.bind", "127.0.0.1"), settings.getInt("edge.adminPort", 8081),
                routes, registry).start();
        LOG.info("Fleet edge on {}:{}, admin on {}", bind, port, admin.port());
        return this;
    }

    private void configureZuul() {
        AbstractConfiguration c = ConfigurationManager.getConfigInstance();
        // on stop, open client connections get this long to finish before they are closed
        c.setProperty("server.outofservice.close.timeout", settings.getInt("edge.shutdownSeconds", 10));
        c.setProperty("zuul.filters.error.default", EdgeErrorEndpoint.class.getName());
        c.setProperty("zuul.HttpRequestMessage.body.max.size", settings.getInt("edge.maxBodyBytes", 1_048_576));
        c.setProperty("server.http.decoder.maxHeaderSize", settings.getInt("edge.maxHeaderBytes", 16384));
        for (String app : EdgeSettings.APPS) {
            String r = app + ".ribbon.";
            c.setProperty(r + "NIWSServerListClassName", EdgeServerList.class.getName());
            c.setProperty(r + "NFLoadBalancerClassName", "com.netflix.loadbalancer.DynamicServerListLoadBalancer");
            c.setProperty(r + "NFLoadBalancerRuleClassName", "com.netflix.loadbalancer.RoundRobinRule");
            c.setProperty(r + "ServerListUpdaterClassName", EdgeServerListUpdater.class.getName());
            c.setProperty(r + "ConnectTimeout", settings.getInt("edge.connectTimeoutMs", 1000));
            c.setProperty(r + "ReadTimeout", settings.getInt("edge.readTimeoutMs", 10000));
            c.setProperty(r + "TcpNoDelay", true);
            c.setProperty(r + "MaxAutoRetries", 0);
            c.setProperty(r + "MaxAutoRetriesNextServer", 1);
            c.setProperty("zuul.origin." + app + ".concurrency.protect.enabled", true);
            c.setProperty("zuul.origin." + app + ".concurrency.max.requests",
                    settings.getInt("edge.concurrency.maxRequests", 200));
        }
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return admin.port();
    }

    public RouteSource routes() {
        return routes;
    }

    public Registry registry() {
        return registry;
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.toString());
            }
        }
        if (admin != null) {
            admin.stop();
        }
        if (server != null) {
            server.stop();
        }
        Spectator.globalRegistry().remove(registry);
    }

    /** Filters need the edge's state, so they are handed out as instances rather than built reflectively. */
    private record EdgeFilterFactory(EdgeState state) implements FilterFactory {
        @Override
        public ZuulFilter<?, ?> newInstance(Class<?> clazz) {
            if (clazz == EdgeInboundFilter.class) {
                return new EdgeInboundFilter(state);
            }
            if (clazz == EdgeOutboundFilter.class) {
                return new EdgeOutboundFilter(state);
            }
            if (clazz == EdgeErrorEndpoint.class) {
                return new EdgeErrorEndpoint();
            }
            throw new IllegalArgumentException("unknown filter " + clazz);
        }
    }

    /** Zuul's HTTP/1 channel with {@link EdgeProxyEndpoint} in place of its ProxyEndpoint. */
    private static final class EdgeChannelInitializer extends ZuulServerChannelInitializer {
        EdgeChannelInitializer(String metricId, ChannelConfig cfg, ChannelConfig deps, ChannelGroup channels) {
            super(metricId, cfg, deps, channels);
        }

        @Override
        protected void addHttp1Handlers(ChannelPipeline pipeline) {
            super.addHttp1Handlers(pipeline);
            pipeline.addAfter(HTTP_CODEC_HANDLER_NAME, "fleetDecodeFailures", new DecodeFailureResponder());
        }

        @Override
        protected ZuulEndPointRunner getEndpointRunner(ZuulFilterChainRunner<HttpResponseMessage> responses,
                                                       FilterUsageNotifier notifier, FilterLoader loader) {
            return new ZuulEndPointRunner(notifier, loader, responses, registry) {
                @Override
                protected ZuulFilter<HttpRequestMessage, HttpResponseMessage> newProxyEndpoint(
                        HttpRequestMessage req) {
                    return new EdgeProxyEndpoint(req, getChannelHandlerContext(req), getNextStage(),
                            MethodBinding.NO_OP_BINDING);
                }
            };
        }
    }
}
