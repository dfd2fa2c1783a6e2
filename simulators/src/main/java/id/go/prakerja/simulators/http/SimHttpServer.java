package id.go.prakerja.simulators.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One JDK {@link HttpServer} answering on virtual threads, dispatching to a {@link Router}. Routes of
 * the party itself pass through a {@link Gate} (where faults are injected); simulator plumbing
 * does not.
 */
public final class SimHttpServer implements AutoCloseable {

    /** Wraps every party-facing call; the place where a simulator decides to misbehave. */
    @FunctionalInterface
    public interface Gate {
        SimResponse around(SimRequest request, Supplier<SimResponse> call);
    }

    /** Face-match images arrive base64-encoded inline; 10 MB leaves room for two phone photos. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;


    private static final Logger log = LoggerFactory.getLogger(SimHttpServer.class);

    static {
        // The JDK server keeps at most 200 idle keep-alive connections and closes the rest; a client
        // with more pooled connections (the payment gateway keeps one per in-flight call, 256 per
        // partner) would find them closed under it, which real partners do not do under load. And it
        // writes headers and body separately, so without TCP_NODELAY every answer waits for a
        // delayed ACK. Read once, when the first server starts; an explicit -D setting wins.
        System.getProperties().putIfAbsent("sun.net.httpserver.maxIdleConnections", "4096");
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Router router;
    private final Gate gate;

    private SimHttpServer(String name, HttpServer server, ExecutorService executor, Router router, Gate gate) {
        this.name = name;
        this.server = server;
        this.executor = executor;
        this.router = router;
        this.gate = gate;
    }

    public static SimHttpServer start(String name, InetSocketAddress address, Router router, Gate gate) throws IOException {
        HttpServer server = HttpServer.create(address, 1024);
        // one virtual thread per exchange: simulated latency and held (TIMEOUT) answers park a
        // virtual thread, not a platform one, so thousands of calls can wait at once
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("sim-" + name + "-", 0).factory());
        server.setExecutor(executor);
        SimHttpServer sim = new SimHttpServer(name, server, executor, router, gate);
        server.createContext("/", sim::dispatch);
        server.start();
        return sim;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange exchange) {
        long started = System.nanoTime();
        try (exchange) {
            SimResponse response;
            SimRequest request = null;
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                response = SimResponse.problem(413, "Content Too Large",
                        "Request body exceeds " + MAX_BODY_BYTES + " bytes", List.of());
            } else {
                request = new SimRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
                response = respond(request);
            }
            write(exchange, response);
            if (log.isDebugEnabled()) {
                log.debug("[{}] {} {} -> {} ({} ms)", name, exchange.getRequestMethod(), exchange.getRequestURI(),
                        response.status(), (System.nanoTime() - started) / 1_000_000);
            }
        } catch (IOException e) {
            // the caller went away (often on purpose: a client-side timeout); nothing left to do
            log.debug("[{}] connection closed before the answer was written: {}", name, e.toString());
        } catch (RuntimeException e) {
            log.error("[{}] failed to answer {} {}", name, exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    private SimResponse respond(SimRequest request) {
        Router.Match match = router.match(request.method(), request.path());
        if (match.route() == null) {
            return match.failure();
        }
        Router.Route route = match.route();
        if (route.access() == Router.Access.PARTY) {
            return gate.around(request, () -> invoke(route, request));
        }
        return invoke(route, request);
    }

    /** Runs a handler; known refusals become their response, anything else a 500 without internals. */
    static SimResponse invoke(Router.Route route, SimRequest request) {
        try {
            return route.handler().handle(request);
        } catch (HttpFailure failure) {
            return failure.response();
        } catch (RuntimeException e) {
            log.error("Simulator handler {} {} failed", route.method(), route.path(), e);
            return SimResponse.problem(500, "Internal Server Error", "The simulator failed unexpectedly", List.of());
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void write(HttpExchange exchange, SimResponse response) throws IOException {
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        byte[] body = response.body();
        boolean noBody = body.length == 0 || response.status() == 204 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops at once: hanging (TIMEOUT) handlers are interrupted rather than waited for. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
