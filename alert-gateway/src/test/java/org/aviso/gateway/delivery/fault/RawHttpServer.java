package org.aviso.gateway.delivery.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * HTTP/1.1 on a plain socket, for stand-ins that must misbehave the way a real provider does and WireMock cannot:
 * accept the connection and never answer, answer long after, send headers and then nothing, stop in the middle of
 * a stream. One thread per connection; requests on a kept-alive connection are served in turn. Loopback only.
 */
abstract class RawHttpServer implements AutoCloseable {

    /** One request as it arrived. */
    record Request(String method, String path, String body) {
    }

    /** The connection a request came on, for a handler that answers, stalls or streams. */
    record Exchange(Request request, Socket socket, OutputStream out) {

        void answer(int status, String contentType, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 " + status + " " + (status < 300 ? "OK" : "Error") + "\r\nContent-Type: "
                    + contentType + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        }

        /** Never answers: waits until the client gives up and closes the connection, or the server stops. */
        void neverAnswer() {
            try {
                InputStream in = socket.getInputStream();
                while (in.read() != -1) {
                    // whatever the client sends now is not read as a request
                }
            } catch (IOException closed) {
                // the client or the server closed the connection
            }
        }
    }

    private final int port;
    private volatile ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    RawHttpServer(int port) {
        this.port = port;
    }

    final RawHttpServer start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server = socket;
        Thread acceptor = new Thread(() -> accept(socket), getClass().getSimpleName() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    final int port() {
        return server.getLocalPort();
    }

    final String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Stops listening and drops every open connection: from now on connections are refused. */
    @Override
    public void close() throws IOException {
        ServerSocket socket = server;
        if (socket != null) {
            socket.close();
        }
        for (Socket connection : open) {
            connection.close();
        }
        open.clear();
    }

    /** Answers one request; returning keeps the connection for the next request, unless the socket was closed. */
    abstract void handle(Exchange exchange) throws IOException, InterruptedException;

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                open.add(connection);
                Thread serving = new Thread(() -> serve(connection), getClass().getSimpleName() + "-conn");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException stopped) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            while (!connection.isClosed()) {
                Request request = read(in);
                if (request == null) {
                    return;
                }
                handle(new Exchange(request, connection, out));
            }
        } catch (SocketException closed) {
            // the client went away, or the server stopped
        } catch (IOException | InterruptedException e) {
            // a stand-in only: the test sees what reached it
        } finally {
            open.remove(connection);
        }
    }

    private static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        if (b == -1) {
            return null;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        int length = 0;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        return new Request(requestLine[0], requestLine[1], new String(body, StandardCharsets.UTF_8));
    }
}
