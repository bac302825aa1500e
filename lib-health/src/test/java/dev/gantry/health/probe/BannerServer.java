package dev.gantry.health.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A loopback TCP server that is not HTTP: it greets like OpenSSH (RFC 4253 section 4.2 identification
 * string), as when a probe is pointed at the wrong port, reads what it is sent, and hangs up.
 */
final class BannerServer implements AutoCloseable {

    static final String BANNER = "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n";

    private final ServerSocket socket;

    BannerServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = new Thread(this::serve, "banner-server");
        thread.setDaemon(true);
        thread.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(2_000);
                OutputStream out = client.getOutputStream();
                out.write(BANNER.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = client.getInputStream();
                byte[] buffer = new byte[4096];
                while (in.read(buffer) > 0) {
                    // drain the request so that closing sends FIN, not RST
                }
            } catch (IOException e) {
                // the client hung up or the server closed; serve the next one, if any
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
