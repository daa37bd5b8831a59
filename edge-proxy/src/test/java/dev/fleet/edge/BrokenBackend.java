package dev.fleet.edge;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An origin that accepts a connection, reads the request head and then resets (or, hanging, never answers). */
final class BrokenBackend implements AutoCloseable {
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket server;
    private final boolean hang;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    BrokenBackend(boolean hang) throws IOException {
        this.hang = hang;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "broken-backend");
        t.setDaemon(true);
        t.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                int c;
                while (head.indexOf("\r\n\r\n") < 0 && (c = in.read()) >= 0) {
                    head.append((char) c);
                }
                if (!hang) {
                    s.setSoLinger(true, 0); // RST instead of FIN: the origin "crashed" mid-request
                    s.close();
                }
            } catch (IOException e) {
                // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
