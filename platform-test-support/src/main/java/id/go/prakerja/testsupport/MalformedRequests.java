package id.go.prakerja.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * Requests a careless or hostile client can send, for checking that a service answers every one
 * of them as the client's error, never with a 5xx. The endpoints are the ones the service
 * documents in its OpenAPI description, so a new endpoint is covered without touching a test.
 */
public final class MalformedRequests {

    /** One way of getting a request wrong. */
    public record Shape(String name, Map<String, String> headers, byte[] body) {

        @Override
        public String toString() {
            return name;
        }
    }

    public static final Shape MULTIPART_WITHOUT_BOUNDARY = new Shape("multipart without a boundary",
            Map.of("Content-Type", "multipart/form-data"), ascii("--x\r\n"));

    private static final List<Shape> SHAPES = List.of(
            MULTIPART_WITHOUT_BOUNDARY,
            new Shape("multipart cut short", Map.of("Content-Type", "multipart/form-data; boundary=x"),
                    ascii("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc")),
            new Shape("form with broken percent-encoding", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    ascii("a=%zz&b=%")),
            new Shape("form with bytes outside UTF-8", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}),
            new Shape("JSON with bytes outside UTF-8", Map.of("Content-Type", "application/json"),
                    new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
            new Shape("JSON nested 5,000 deep", Map.of("Content-Type", "application/json"),
                    ascii("[".repeat(5_000) + "]".repeat(5_000))),
            new Shape("JSON null", Map.of("Content-Type", "application/json"), ascii("null")),
            new Shape("unknown charset", Map.of("Content-Type", "application/json; charset=no-such-charset"), ascii("{}")),
            new Shape("Content-Type that is no media type", Map.of("Content-Type", "not a media type"), ascii("{}")),
            new Shape("Accept that is no media type", Map.of("Content-Type", "application/json", "Accept", "no/such;q=x"),
                    ascii("{}")));

    private static final java.util.Set<String> HTTP_METHODS = java.util.Set.of("get", "put", "post", "delete", "options",
            "head", "patch", "trace");

    private MalformedRequests() {
    }

    public static List<Shape> all() {
        return SHAPES;
    }

    /**
     * Sends each shape to every documented operation (path variables as "1"), to {@code /error}
     * and to the health endpoint, all at once; {@code /admin} paths as the operator, the others
     * as the participant. Returns one line per answer: {@code shape: METHOD path -> status type}.
     *
     * @param undocumented further operations, {@code "METHOD path"}, that the OpenAPI description does not list
     *                     (an endpoint served outside Spring MVC)
     */
    public static List<String> sendToEveryEndpoint(HttpApi participant, HttpApi operator, List<Shape> shapes,
            String... undocumented) {
        List<String[]> operations = new ArrayList<>();
        for (String operation : undocumented) {
            operations.add(operation.split(" ", 2));
        }
        JsonNode paths = operator.get("/v3/api-docs").json().get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                if (!HTTP_METHODS.contains(method)) {
                    continue; // a path item's summary or shared parameters
                }
                operations.add(new String[] {method.toUpperCase(Locale.ROOT), path.replaceAll("\\{[^}]*}", "1")});
            }
        }
        operations.add(new String[] {"GET", "/error"});
        operations.add(new String[] {"POST", "/error"});
        operations.add(new String[] {"GET", "/actuator/health"});

        List<Callable<String>> requests = new ArrayList<>();
        for (Shape shape : shapes) {
            for (String[] operation : operations) {
                HttpApi caller = operation[1].startsWith("/admin") || operation[1].startsWith("/actuator") ? operator : participant;
                requests.add(() -> {
                    var response = caller.sendRaw(operation[0], operation[1], shape.body(), shape.headers());
                    return shape + ": " + operation[0] + " " + operation[1] + " -> " + response.status() + " "
                            + response.contentType();
                });
            }
        }
        List<String> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<String> answer : clients.invokeAll(requests, 120, TimeUnit.SECONDS)) {
                answers.add(answer.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("malformed requests could not all be sent", e);
        }
        return answers;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
