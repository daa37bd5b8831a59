package dev.fleet.loadtests.edge;

import java.nio.file.Path;

/**
 * The nginx and HAProxy configurations of the benchmark, set up to be fair to each other and to the Zuul edge:
 * as many workers/threads as the edge has Netty event loops (the cores), keep-alive to the client and to the
 * monolith, the edge's timeouts (connect 1 s, read 10 s) and one access-log line per request, as the edge writes.
 */
final class ProxyConfigs {
    /** Where a proxy keeps its files, where it listens and which monolith port it forwards to. */
    record Setup(Path dir, int listenPort, int backendPort, int workers) {
    }

    private ProxyConfigs() {
    }

    /** Run as {@code nginx -p <dir> -e <dir>/error.log -c <dir>/nginx.conf}; stays in the foreground. */
    static String nginx(Setup s) {
        String d = s.dir().toAbsolutePath().toString();
        return """
                # nginx for EdgeBenchmark (generated; run in the foreground, stopped by the benchmark)
                daemon off;
                worker_processes %2$d;                 # = the edge's Netty event loops and haproxy's nbthread
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log %1$s/access.log;       # one line per request, like the edge's access log
                    keepalive_timeout 60s;
                    keepalive_requests 1000000;         # clients keep their connection (the default closes it after 1000)
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream monolith {
                        server 127.0.0.1:%4$d;
                        keepalive 32;                   # idle connections to the monolith kept open per worker
                        keepalive_requests 1000000;
                        keepalive_timeout 60s;
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://monolith;
                            proxy_http_version 1.1;     # keep-alive to the backend needs HTTP/1.1
                            proxy_set_header Connection "";   # and no "Connection: close"
                            proxy_connect_timeout 1s;
                            proxy_read_timeout 10s;
                        }
                    }
                }
                """.formatted(d, s.workers(), s.listenPort(), s.backendPort());
    }

    /** Run as {@code haproxy -db -f <dir>/haproxy.cfg} (-db: foreground); its log goes to stdout. */
    static String haproxy(Setup s) {
        String d = s.dir().toAbsolutePath().toString();
        return """
                # HAProxy for EdgeBenchmark (generated; run in the foreground, stopped by the benchmark)
                global
                    nbthread %2$d                        # = the edge's Netty event loops and nginx's worker_processes
                    maxconn 8000
                    pidfile %1$s/haproxy.pid
                    log stdout format raw local0        # one line per request (option httplog), like the edge's access log

                defaults
                    mode http
                    log global
                    option httplog
                    option http-keep-alive              # the default, said out loud: client and server sides stay open
                    http-reuse always                   # idle connections to the monolith are shared by all clients
                    timeout connect 1s
                    timeout server 10s
                    timeout client 60s
                    timeout http-request 10s
                    timeout http-keep-alive 60s

                frontend bench
                    bind 127.0.0.1:%3$d
                    default_backend monolith

                backend monolith
                    server monolith 127.0.0.1:%4$d
                """.formatted(d, s.workers(), s.listenPort(), s.backendPort());
    }
}
