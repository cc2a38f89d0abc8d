package org.aviso.gateway.notify.signal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event stream that hangs like a stuck signal-cli: the first connection gets its headers and one keep-alive,
 * then nothing more, ever. Later connections get {@code laterBody} and end. (WireMock cannot send headers first
 * and then stay silent, so this stands in for it in the watchdog test only.)
 */
final class StuckDaemon implements AutoCloseable {

    private final ServerSocket server;
    private final String laterBody;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    StuckDaemon(String laterBody) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.laterBody = laterBody;
        Thread acceptor = new Thread(this::serve, "stuck-daemon");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                readRequestHead(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                if (connections.incrementAndGet() == 1) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "2\r\n:\n\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else {
                    byte[] body = laterBody.getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    out.write(body);
                    out.flush();
                    socket.close();
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
