package id.go.prakerja.simulators.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Exact method + path routing; the simulated APIs have no path variables, so nothing fancier is needed. */
public final class Router {

    /** Who a route serves, which decides whether injected faults apply to it. */
    public enum Access {
        /** The simulated party's own API: auth applies and faults are injected here. */
        PARTY,
        /** Simulator plumbing (health, controls, inboxes): never faulted, so tests can always steer. */
        SIMULATOR
    }

    public record Route(String method, String path, Access access, Handler handler) {
    }

    /** Result of a lookup: a route, or the response to give when there is none. */
    public record Match(Route route, SimResponse failure) {
    }

    private final Map<String, Map<String, Route>> routes = new LinkedHashMap<>();

    public Router party(String method, String path, Handler handler) {
        return add(method, path, Access.PARTY, handler);
    }

    public Router simulator(String method, String path, Handler handler) {
        return add(method, path, Access.SIMULATOR, handler);
    }

    private Router add(String method, String path, Access access, Handler handler) {
        Route previous = routes.computeIfAbsent(path, p -> new LinkedHashMap<>())
                .put(method, new Route(method, path, access, handler));
        if (previous != null) {
            throw new IllegalStateException("Duplicate route " + method + " " + path);
        }
        return this;
    }

    public Match match(String method, String rawPath) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        Map<String, Route> byMethod = routes.get(path);
        if (byMethod == null) {
            return new Match(null, SimResponse.problem(404, "Not Found", "No such endpoint: " + path, List.of()));
        }
        Route route = byMethod.get(method);
        if (route == null) {
            return new Match(null, SimResponse.problem(405, "Method Not Allowed",
                    method + " is not supported on " + path, List.of())
                    .withHeader("Allow", String.join(", ", byMethod.keySet())));
        }
        return new Match(route, null);
    }

    /** Every route, for the start-up log and for documentation. */
    public List<Route> routes() {
        return routes.values().stream().flatMap(m -> m.values().stream()).toList();
    }
}
