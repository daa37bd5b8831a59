package dev.fleet.dashboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which streams {@code proxy.stream} may reach: Turbine's {@code /turbine.stream?cluster=<name>} and the
 * {@code hystrix.stream} of an instance Turbine reads right now — nothing else (the original dashboard's proxy is an
 * open proxy: SSRF). The check is on the parsed URL (scheme http, no user info or fragment, same host string and
 * port, same path, only known query parameters), and the request goes to a URL rebuilt from the checked parts.
 */
final class OriginPolicy {
    /** Allowed with the upstream URL to call, or refused with why. */
    record Decision(URI upstream, String refusal) {
        boolean allowed() {
            return upstream != null;
        }
    }

    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern DELAY = Pattern.compile("\\d{1,6}");

    private final TurbineDirectory turbine;

    OriginPolicy(TurbineDirectory turbine) {
        this.turbine = turbine;
    }

    Decision check(String origin) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return refuse("not a URL");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return refuse("only http:// streams are proxied");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null || uri.getHost() == null) {
            return refuse("user info, fragments and host-less URLs are not proxied");
        }
        String delay = null;
        String cluster = null;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                String value = parts.length == 2 ? parts[1] : "";
                if (parts[0].equals("cluster") && cluster == null && CLUSTER.matcher(value).matches()) {
                    cluster = value;
                } else if (parts[0].equals("delay") && delay == null && DELAY.matcher(value).matches()) {
                    delay = value;
                } else {
                    return refuse("query parameter not allowed: " + parts[0]);
                }
            }
        }
        String suffix = delay == null ? "" : "delay=" + delay;
        URI turbineUri = turbine.turbine();
        if (sameServer(uri, turbineUri) && "/turbine.stream".equals(uri.getRawPath()) && cluster != null) {
            return new Decision(URI.create(base(turbineUri) + "/turbine.stream?cluster=" + cluster + (suffix.isEmpty() ? "" : "&" + suffix)), null);
        }
        if (cluster == null) {
            for (TurbineDirectory.InstanceStream instance : turbine.instances()) {
                URI stream = instance.stream();
                if (sameServer(uri, stream) && stream.getRawPath().equals(uri.getRawPath())) {
                    return new Decision(URI.create(base(stream) + stream.getRawPath() + (suffix.isEmpty() ? "" : "?" + suffix)), null);
                }
            }
        }
        return refuse("not Turbine's /turbine.stream?cluster=… nor the hystrix.stream of an instance Turbine reads");
    }

    private static boolean sameServer(URI a, URI b) {
        return a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT)) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() == -1 ? 80 : uri.getPort();
    }

    private static String base(URI allowed) {
        return "http://" + allowed.getRawAuthority();
    }

    private static Decision refuse(String why) {
        return new Decision(null, why);
    }
}
