package id.go.prakerja.simulators;

import id.go.prakerja.simulators.http.JsonFields;
import id.go.prakerja.simulators.http.Router;
import id.go.prakerja.simulators.http.SimHttpServer;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every simulator shares: an HTTP server, {@code GET /health}, fault injection (over HTTP at
 * {@code /_control/fault} and in Java through {@link #fault(Fault)}), and reset to the seeded state.
 * A subclass adds its party's routes and state.
 */
public abstract class Simulator implements AutoCloseable {

    protected final Logger log = LoggerFactory.getLogger(getClass());

    private final Party party;
    private final FaultState faults = new FaultState();
    private volatile SimHttpServer server;
    private volatile String baseUrl;

    protected Simulator(Party party) {
        this.party = party;
    }

    /** Adds the party's own endpoints (use {@code router.party(...)}) and any extra controls. */
    protected abstract void registerRoutes(Router router);

    /** Forgets everything learnt since start: back to the seeded state. */
    protected abstract void resetState();

    /** Binds the server; port 0 picks a free port. */
    public final synchronized void start(InetSocketAddress address) {
        if (server != null) {
            throw new IllegalStateException(party + " simulator already started");
        }
        Router router = new Router();
        router.simulator("GET", "/health", r -> SimResponse.json(200, Map.of("status", "UP")));
        router.simulator("GET", "/_control/fault", r -> SimResponse.json(200, fault()));
        router.simulator("POST", "/_control/fault", this::faultOverHttp);
        router.simulator("POST", "/_control/reset", r -> {
            reset();
            return SimResponse.json(200, Map.of("status", "RESET"));
        });
        registerRoutes(router);
        try {
            server = SimHttpServer.start(party.slug(), address, router, this::guard);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + party + " simulator on " + address, e);
        }
        InetAddress bound = address.getAddress();
        String host = bound == null || bound.isAnyLocalAddress() ? "127.0.0.1" : bound.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        baseUrl = "http://" + host + ":" + server.port();
        log.debug("{} simulator listening on {}", party, baseUrl);
    }

    public Party party() {
        return party;
    }

    public int port() {
        return requireStarted().port();
    }

    /** E.g. {@code http://127.0.0.1:9000}, without a trailing slash. */
    public String baseUrl() {
        requireStarted();
        return baseUrl;
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** Injects a fault into the party-facing endpoints; {@code Fault.none()} lifts it. */
    public void fault(Fault fault) {
        faults.set(fault);
        if (fault.mode() != FaultMode.NONE) {
            log.info("{} simulator fault injected: {}", party, fault);
        }
    }

    public Fault fault() {
        return faults.current();
    }

    /** Lifts any fault and returns to the seeded state. */
    public void reset() {
        faults.set(Fault.none());
        resetState();
    }

    @Override
    public void close() {
        SimHttpServer s = server;
        if (s != null) {
            // release held TIMEOUT calls before interrupting them
            faults.set(Fault.none());
            s.close();
        }
    }

    /**
     * The answer a fault produces. Problem JSON by default; a party with its own error format
     * (SNAP payment partners) overrides this so clients parse faults like real refusals.
     */
    protected SimResponse faultResponse(FaultMode mode, SimRequest request) {
        return switch (mode) {
            case DOWN -> SimResponse.problem(503, "Service Unavailable",
                    party + " is unavailable (simulated outage)", List.of()).withHeader("Retry-After", "5");
            case ERROR -> SimResponse.problem(500, "Internal Server Error",
                    party + " failed (simulated error)", List.of());
            case TIMEOUT -> SimResponse.problem(504, "Gateway Timeout",
                    party + " did not answer in time (simulated timeout)", List.of());
            case RATE_LIMITED -> SimResponse.problem(429, "Too Many Requests",
                    party + " refused the call (simulated rate limit)", List.of()).withHeader("Retry-After", "1");
            case ERROR_AFTER_WORK -> SimResponse.problem(500, "Internal Server Error",
                    party + " failed after doing its work (simulated)", List.of());
            default -> throw new IllegalArgumentException("No fault response for " + mode);
        };
    }

    private SimResponse guard(SimRequest request, Supplier<SimResponse> call) {
        Fault fault = faults.take();
        return switch (fault.mode()) {
            case NONE -> call.get();
            case DOWN, ERROR -> faultResponse(fault.mode(), request);
            case RATE_LIMITED -> {
                SimResponse refused = faultResponse(FaultMode.RATE_LIMITED, request);
                yield refused.withHeader("Retry-After", String.valueOf(Math.max(1, fault.delayMillis() / 1000)));
            }
            case ERROR_AFTER_WORK -> {
                call.get();
                yield faultResponse(FaultMode.ERROR_AFTER_WORK, request);
            }
            case SLOW -> {
                FaultState.pause(fault.effectiveDelayMillis());
                yield call.get();
            }
            case TIMEOUT -> {
                // the party does its work; only the answer is lost
                call.get();
                faults.hold(fault.effectiveDelayMillis());
                yield faultResponse(FaultMode.TIMEOUT, request);
            }
        };
    }

    private SimResponse faultOverHttp(SimRequest request) {
        JsonFields f = request.fields();
        String modeText = f.requiredText("mode");
        FaultMode mode = null;
        if (modeText != null) {
            try {
                mode = FaultMode.valueOf(modeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                f.reject("mode", "must be one of NONE, DOWN, SLOW, TIMEOUT, ERROR, RATE_LIMITED, ERROR_AFTER_WORK");
            }
        }
        Long delay = f.optionalLong("delayMillis", 0, 600_000);
        Integer calls = f.optionalInt("calls", 0, 1_000_000);
        f.throwIfInvalid();
        Fault fault = new Fault(mode, delay == null ? 0 : delay, calls == null ? 0 : calls);
        fault(fault);
        return SimResponse.json(200, fault);
    }

    private SimHttpServer requireStarted() {
        SimHttpServer s = server;
        if (s == null) {
            throw new IllegalStateException(party + " simulator not started");
        }
        return s;
    }
}
