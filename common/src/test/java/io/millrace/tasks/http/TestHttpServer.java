package io.millrace.tasks.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP server on 127.0.0.1 that records each request and answers as each path was told to. */
final class TestHttpServer implements AutoCloseable {

    /** A request as the server received it. */
    record Received(String method, String path, String query, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);

    TestHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.start();
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    /** Answers requests to {@code path} with this status, body and headers. */
    TestHttpServer respond(String path, int code, String body, Map<String, List<String>> headers) {
        return respond(path, code, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Answers requests to {@code path} with this status, raw body and headers. */
    TestHttpServer respond(String path, int code, byte[] bytes, Map<String, List<String>> headers) {
        server.createContext(path, exchange -> {
            record(exchange);
            headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        return this;
    }

    TestHttpServer respond(String path, int code, String body) {
        return respond(path, code, body, Map.of());
    }

    /** Records requests to {@code path} and never answers them (until the server closes). */
    TestHttpServer hang(String path) {
        server.createContext(path, exchange -> {
            record(exchange);
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        return this;
    }

    /** Answers requests to {@code path} with headers and the start of a body, then never sends the rest. */
    TestHttpServer stallBody(String path) {
        server.createContext(path, exchange -> {
            record(exchange);
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("partial".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        return this;
    }

    /** The next request received, waiting a little for it. */
    Received takeRequest() {
        try {
            Received r = requests.poll(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("the server received no request");
            }
            return r;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Number of requests received so far. */
    int requestCount() {
        return requests.size();
    }

    private void record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body));
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
