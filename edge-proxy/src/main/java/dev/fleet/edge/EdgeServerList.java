package dev.fleet.edge;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.client.config.IClientConfig;
import com.netflix.loadbalancer.AbstractServerList;
import com.netflix.niws.loadbalancer.DiscoveryEnabledServer;
import java.util.List;

/**
 * Ribbon server list of one origin, read from {@link Origins}. Zuul's DynamicServerResolver casts every server to
 * {@link DiscoveryEnabledServer}, so the instances are wrapped in Eureka InstanceInfos (no Eureka runs).
 */
public class EdgeServerList extends AbstractServerList<DiscoveryEnabledServer> {
    private String app;

    @Override
    public void initWithNiwsConfig(IClientConfig config) {
        this.app = config.getClientName();
    }

    @Override
    public List<DiscoveryEnabledServer> getInitialListOfServers() {
        return getUpdatedListOfServers();
    }

    @Override
    public List<DiscoveryEnabledServer> getUpdatedListOfServers() {
        return Origins.get(app).stream().map(i -> new DiscoveryEnabledServer(InstanceInfo.Builder.newBuilder()
                        .setAppName(app)
                        .setInstanceId(app + "@" + i)
                        .setHostName(i.host())
                        .setIPAddr(i.host())
                        .setPort(i.port())
                        .setStatus(InstanceInfo.InstanceStatus.UP)
                        .build(), false, true))
                .toList();
    }
}
