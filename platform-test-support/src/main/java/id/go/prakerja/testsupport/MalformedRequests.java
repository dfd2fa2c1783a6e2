package id.go.prakerja.testsupport;

import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests a careless or hostile client can send, for checking that a service answers every one of
 * them as the client's error: never a 5xx, a 4xx always as problem+json, and nothing changed.
 *
 * <p>The operations are read from the service's own handler mappings (every {@code @RequestMapping},
 * with its path variables, {@code @RequestParam}s, {@code @RequestHeader}s and {@code @RequestBody}
 * type), so a new endpoint or parameter is covered without touching a test; operations served
 * outside Spring MVC are named by the caller. Each request is built to reach the handler: path
 * variables are ids the caller says exist (else well-formed values of the variable's type), required
 * parameters are given, partner webhooks are signed by the caller's signer, and a JSON body is the
 * caller's example or one built from the body's type. One thing at a time is then made wrong:
 * <ul>
 * <li>the whole body ({@link #all() shapes}: broken multipart, form, JSON, charset, media types);
 * <li>one query parameter: a NUL, 10,000 characters (a request line the server refuses itself) and
 *     4,000 (which reach the handler), numbers at and past their type's limits, dates and instants at
 *     the edges of their type, an enum constant that does not exist; and parameters of one type (from
 *     and to) all at the same edge at once;
 * <li>one path variable, the same way;
 * <li>one header (the token, the language, {@code Idempotency-Key}, {@code traceparent}, the
 *     operation's declared headers and the signature's): a NUL, 10,000 characters, 4,000;
 * <li>one field of the JSON body: a NUL, 10,000 characters, numbers and dates past what their type
 *     or a column holds.
 * </ul>
 * A few variants per parameter, so that a service's sweep takes seconds.
 *
 * <p>Only a variant that is wrong <em>for that operation</em> is sent with real ids to an operation that
 * changes things (not GET): a body to one that reads none, a header it does not read, or a JSON
 * {@code null} where the body is optional are no reason to refuse, so such a variant goes with path
 * variables that name nothing (a random UUID, a number no id has, a code no one uses), or not at all
 * when no such value exists. That is what makes "nothing changed" ({@link Sweep#unchanged}) a rule
 * every variant must keep.
 */
public final class MalformedRequests {

    /** Which operations a shape is wrong for. */
    public enum Reach {
        /**
         * Refused before any handler runs, whatever the operation (a multipart body that cannot be parsed, an
         * {@code Accept} header that is no media type).
         */
        EVERY_OPERATION,
        /** Wrong for an operation that reads a body. */
        BODY_READER,
        /** Wrong only where a body is required (a JSON {@code null} is "no body" to an optional one). */
        REQUIRED_BODY
    }

    /** One way of getting a whole request body wrong. */
    public record Shape(String name, Map<String, String> headers, byte[] body, Reach reach) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** Signs a partner's request: the headers that make {@code method target body} a verified webhook. */
    @FunctionalInterface
    public interface Signer {
        Map<String, String> headers(String method, String target, byte[] body);
    }

    public static final Shape MULTIPART_WITHOUT_BOUNDARY = new Shape("multipart without a boundary",
            Map.of("Content-Type", "multipart/form-data"), ascii("--x\r\n"), Reach.EVERY_OPERATION);

    private static final List<Shape> SHAPES = List.of(
            MULTIPART_WITHOUT_BOUNDARY,
            new Shape("multipart cut short", Map.of("Content-Type", "multipart/form-data; boundary=x"),
                    ascii("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc"), Reach.EVERY_OPERATION),
            new Shape("form with broken percent-encoding", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    ascii("a=%zz&b=%"), Reach.BODY_READER),
            new Shape("form with bytes outside UTF-8", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}, Reach.BODY_READER),
            new Shape("JSON with bytes outside UTF-8", Map.of("Content-Type", "application/json"),
                    new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, Reach.BODY_READER),
            new Shape("JSON nested 5,000 deep", Map.of("Content-Type", "application/json"),
                    ascii("[".repeat(5_000) + "]".repeat(5_000)), Reach.BODY_READER),
            new Shape("JSON null", Map.of("Content-Type", "application/json"), ascii("null"), Reach.REQUIRED_BODY),
            new Shape("unknown charset", Map.of("Content-Type", "application/json; charset=no-such-charset"), ascii("{}"),
                    Reach.BODY_READER),
            new Shape("Content-Type that is no media type", Map.of("Content-Type", "not a media type"), ascii("{}"),
                    Reach.BODY_READER),
            new Shape("Accept that is no media type", Map.of("Content-Type", "application/json", "Accept", "no/such;q=x"),
                    ascii("{}"), Reach.EVERY_OPERATION));

    /** Headers any operation may be sent, whether or not it reads them. */
    private static final List<String> COMMON_HEADERS = List.of("Authorization", "Accept-Language", "Idempotency-Key",
            "traceparent");
    private static final String NUL = "sweep\u0000nul";
    private static final String LONG = "x".repeat(10_000);
    /** Long, yet short enough to pass the server's limit on a request line or header (8 KB) and reach the handler. */
    private static final String MEDIUM = "x".repeat(4_000);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(?::[^}]*)?}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private MalformedRequests() {
    }

    public static List<Shape> all() {
        return SHAPES;
    }

    /**
     * A sweep of every operation {@code service} maps; {@code /admin} and {@code /actuator} paths as
     * {@code operator}, the others as {@code participant} (see {@link Sweep#caller}).
     */
    public static Sweep sweep(ApplicationContext service, HttpApi participant, HttpApi operator) {
        return new Sweep(service, participant, operator);
    }

    /** What to send and how to check it; {@link #run()} sends it all. */
    public static final class Sweep {

        private final ApplicationContext service;
        private final HttpApi participant;
        private final Map<String, HttpApi> callers = new LinkedHashMap<>();
        private final List<Id> ids = new ArrayList<>();
        private final Map<String, String> params = new LinkedHashMap<>();
        private final Map<String, Signer> signers = new LinkedHashMap<>();
        private final Map<String, JsonNode> examples = new LinkedHashMap<>();
        private final List<Operation> extra = new ArrayList<>();
        private final Map<String, Supplier<?>> states = new LinkedHashMap<>();
        private List<Shape> shapes = SHAPES;
        private boolean onlyShapes;

        private Sweep(ApplicationContext service, HttpApi participant, HttpApi operator) {
            this.service = service;
            this.participant = participant;
            callers.put("/admin", operator);
            callers.put("/actuator", operator);
        }

        /** Paths starting with {@code prefix} are sent as {@code api} (the longest matching prefix wins). */
        public Sweep caller(String prefix, HttpApi api) {
            callers.put(prefix, api);
            return this;
        }

        /**
         * An existing thing for path variable {@code name} of every operation (a value that is no value of
         * the variable's type is not used there); {@code name} may be a path template's beginning and the
         * variable, {@code "/admin/payments/{instructionId}"}, to give it for those paths only.
         */
        public Sweep id(String name, Object value) {
            Matcher scoped = Pattern.compile("(.*)\\{([^}]+)}$").matcher(name);
            ids.add(scoped.matches() ? new Id(scoped.group(1), scoped.group(2), String.valueOf(value))
                    : new Id("", name, String.valueOf(value)));
            return this;
        }

        /** A value for request parameter {@code name} wherever it is required (else one of its type). */
        public Sweep param(String name, Object value) {
            params.put(name, String.valueOf(value));
            return this;
        }

        /** Requests to paths starting with {@code prefix} are signed by {@code signer}. */
        public Sweep signed(String prefix, Signer signer) {
            signers.put(prefix, signer);
            return this;
        }

        /**
         * A well-formed JSON body for {@code operation} ({@code "METHOD /path/{template}"}), to be made wrong
         * one field at a time; without one, a body is built from the {@code @RequestBody} type.
         */
        public Sweep example(String operation, Object body) {
            examples.put(operation, body instanceof String s ? JSON.readTree(s) : JSON.valueToTree(body));
            return this;
        }

        /**
         * An operation served outside Spring MVC ({@code "METHOD /path"}, path variables already filled);
         * {@code jsonExample} (may be null) is the body it reads.
         */
        public Sweep undocumented(String operation, Object jsonExample) {
            String[] parts = operation.split(" ", 2);
            extra.add(new Operation(parts[0], parts[1], Map.of(), List.of(), List.of(), null,
                    jsonExample != null, jsonExample != null, jsonExample != null, "application/json"));
            if (jsonExample != null) {
                example(operation, jsonExample);
            }
            return this;
        }

        /** {@code state} must read the same before the sweep and after it (row counts, an outbox's size). */
        public Sweep unchanged(String what, Supplier<?> state) {
            states.put(what, state);
            return this;
        }

        /** Sends only these body shapes, and no other variant. */
        public Sweep onlyShapes(List<Shape> these) {
            this.shapes = List.copyOf(these);
            this.onlyShapes = true;
            return this;
        }

        public Report run() {
            List<Operation> operations = new ArrayList<>(operations(service));
            operations.addAll(extra);
            List<Request> requests = new ArrayList<>();
            for (Operation operation : operations) {
                requests.addAll(variants(operation));
            }
            Map<String, Object> before = new LinkedHashMap<>();
            states.forEach((what, state) -> before.put(what, state.get()));
            long start = System.nanoTime();
            List<Answer> answers = send(requests);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            List<String> changes = new ArrayList<>();
            states.forEach((what, state) -> {
                Object after = state.get();
                if (!Objects.equals(before.get(what), after)) {
                    changes.add(what + " changed: " + before.get(what) + " -> " + after);
                }
            });
            return new Report(answers, changes, took);
        }

        // ---- building the requests ----------------------------------------------------------------

        private List<Request> variants(Operation op) {
            List<Request> out = new ArrayList<>();
            boolean safe = SAFE_METHODS.contains(op.method);
            Map<String, String> real = new LinkedHashMap<>();
            Map<String, String> absent = new LinkedHashMap<>();
            boolean nothingNamed = !op.pathVariables.isEmpty();
            for (var variable : op.pathVariables.entrySet()) {
                real.put(variable.getKey(), idFor(op.template, variable.getKey(), variable.getValue()));
                String nothing = absent(variable.getValue());
                nothingNamed &= nothing != null;
                absent.put(variable.getKey(), nothing);
            }
            // where a variant the operation has no reason to refuse may go: anywhere if it changes nothing,
            // else only to things that do not exist
            Map<String, String> harmless = safe ? real : nothingNamed ? absent : null;

            Map<String, String> query = new LinkedHashMap<>();
            for (Param param : op.query) {
                if (param.required) {
                    query.put(param.name, params.getOrDefault(param.name, plausible(param.type)));
                }
            }
            JsonNode example = examples.get(op.method + " " + op.template);
            JsonNode body = null;
            Map<String, Class<?>> leaves = new LinkedHashMap<>();
            if (op.json && example != null) {
                body = example;
                leavesOf(example, "", leaves);
            } else if (op.json && op.bodyType != null) {
                body = generate(op.bodyType, "", leaves, 0);
            }
            byte[] bodyBytes = body == null ? (op.readsBody ? new byte[0] : null) : JSON.writeValueAsBytes(body);
            Map<String, String> contentType = bodyBytes == null ? Map.of() : Map.of("Content-Type", op.contentType);

            for (Shape shape : shapes) {
                boolean wrong = switch (shape.reach) {
                    case EVERY_OPERATION -> true;
                    case BODY_READER -> op.readsBody;
                    case REQUIRED_BODY -> op.readsBody && op.bodyRequired;
                };
                Map<String, String> path = wrong ? real : harmless;
                if (path != null) {
                    out.add(new Request("shape: " + shape.name, op, path, query, shape.headers, shape.body, null));
                }
            }
            if (onlyShapes) {
                return out;
            }
            for (Param param : op.query) {
                for (String bad : badValues(param.type)) {
                    Map<String, String> q = new LinkedHashMap<>(query);
                    q.put(param.name, bad);
                    out.add(new Request("query " + param.name + "=" + describe(bad), op, real, q, contentType, bodyBytes, null));
                }
            }
            // parameters of one type that bound each other (from and to): all at the same edge at once
            Map<Class<?>, List<String>> byType = new LinkedHashMap<>();
            for (Param param : op.query) {
                byType.computeIfAbsent(param.type, t -> new ArrayList<>()).add(param.name);
            }
            byType.forEach((type, names) -> {
                if (names.size() < 2 || !(Temporal.class.isAssignableFrom(type) || integral(type) || floating(type))) {
                    return;
                }
                List<String> edges = badValues(type);
                for (String bad : edges.subList(2, edges.size())) { // past the NUL and the 10,000 characters
                    Map<String, String> q = new LinkedHashMap<>(query);
                    names.forEach(name -> q.put(name, bad));
                    out.add(new Request("query " + String.join(", ", names) + "=" + describe(bad), op, real, q, contentType,
                            bodyBytes, null));
                }
            });
            for (var variable : op.pathVariables.entrySet()) {
                for (String bad : badValues(variable.getValue())) {
                    Map<String, String> p = new LinkedHashMap<>(real);
                    p.put(variable.getKey(), bad);
                    out.add(new Request("path {" + variable.getKey() + "}=" + describe(bad), op, p, query, contentType,
                            bodyBytes, null));
                }
            }
            Set<String> headers = new LinkedHashSet<>(COMMON_HEADERS);
            headers.addAll(op.headers);
            Set<String> read = new LinkedHashSet<>(op.headers);
            read.add("Authorization"); // a token that cannot be read is refused before anything is done
            Signer signer = signerFor(op.template);
            if (signer != null) {
                Set<String> signature = signer.headers(op.method, fill(op.template, real),
                        bodyBytes == null ? new byte[0] : bodyBytes).keySet();
                headers.addAll(signature);
                read.addAll(signature);
            }
            for (String header : headers) {
                Map<String, String> path = read.contains(header) ? real : harmless;
                if (path == null) {
                    continue;
                }
                for (String bad : List.of(NUL, LONG, MEDIUM)) {
                    out.add(new Request("header " + header + "=" + describe(bad), op, path, query, contentType, bodyBytes,
                            Map.entry(header, bad)));
                }
            }
            if (body != null) {
                for (var leaf : leaves.entrySet()) {
                    for (JsonNode bad : badFields(leaf.getValue())) {
                        JsonNode changed = replaced(body, leaf.getKey(), bad);
                        out.add(new Request("field " + (leaf.getKey().isEmpty() ? "/" : leaf.getKey()) + "="
                                + describe(bad.isString() ? bad.asString() : bad.toString()), op, real, query,
                                contentType, JSON.writeValueAsBytes(changed), null));
                    }
                }
            }
            return out;
        }

        private String idFor(String template, String name, Class<?> type) {
            Id best = null;
            for (Id id : ids) {
                if (id.variable.equals(name) && template.startsWith(id.templatePrefix) && fits(id.value, type)
                        && (best == null || id.templatePrefix.length() > best.templatePrefix.length())) {
                    best = id;
                }
            }
            return best != null ? best.value : plausible(type);
        }

        private Signer signerFor(String path) {
            String best = null;
            for (String prefix : signers.keySet()) {
                if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
            return best == null ? null : signers.get(best);
        }

        private HttpApi callerFor(String path) {
            String best = null;
            for (String prefix : callers.keySet()) {
                if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
            return best == null ? participant : callers.get(best);
        }

        // ---- sending ------------------------------------------------------------------------------

        private List<Answer> send(List<Request> requests) {
            Semaphore inFlight = new Semaphore(24);
            List<Callable<Answer>> calls = new ArrayList<>();
            for (Request request : requests) {
                calls.add(() -> {
                    inFlight.acquire();
                    try {
                        return sendOne(request);
                    } finally {
                        inFlight.release();
                    }
                });
            }
            List<Answer> answers = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Future<Answer> answer : clients.invokeAll(calls, 120, TimeUnit.SECONDS)) {
                    answers.add(answer.get());
                }
            } catch (Exception e) {
                throw new IllegalStateException("malformed requests could not all be sent", e);
            }
            return answers;
        }

        private Answer sendOne(Request request) {
            Operation op = request.op;
            StringBuilder target = new StringBuilder(fill(op.template, request.path));
            char separator = '?';
            for (var param : request.query.entrySet()) {
                target.append(separator).append(UriUtils.encode(param.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(UriUtils.encode(param.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
            HttpApi caller = callerFor(op.template);
            Map<String, String> headers = new LinkedHashMap<>(caller.identity());
            headers.putAll(request.headers);
            Signer signer = signerFor(op.template);
            if (signer != null) {
                headers.putAll(signer.headers(op.method, target.toString(), request.body == null ? new byte[0] : request.body));
            }
            if (request.header != null) {
                headers.keySet().removeIf(name -> name.equalsIgnoreCase(request.header.getKey()));
                headers.put(request.header.getKey(), request.header.getKey().equals("Authorization")
                        ? "Bearer " + request.header.getValue() : request.header.getValue());
            }
            long start = System.nanoTime();
            RawHttp.Answer answer = RawHttp.exchange(caller.baseUrl(), op.method, target.toString(), headers, request.body,
                    30_000);
            return new Answer(request.variant, op.method, op.template, answer.status(), answer.contentType(),
                    codeOf(answer), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** One request's answer. */
    public record Answer(String variant, String method, String path, int status, String contentType, String code,
            long millis) {

        /** A 5xx, no answer at all, or a 4xx that is not problem+json. */
        public boolean fault() {
            return status < 0 || status >= 500
                    || status >= 400 && !contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }

        @Override
        public String toString() {
            return method + " " + path + " [" + variant + "] -> " + status + " " + contentType + (code.isEmpty() ? "" : " " + code)
                    + " (" + millis + " ms)";
        }
    }

    /** Every answer, what changed that should not have, and how long sending it all took. */
    public record Report(List<Answer> answers, List<String> changes, Duration took) {

        /** Every broken rule: a line per faulty answer, and one per state that changed. */
        public List<String> faults() {
            List<String> faults = new ArrayList<>(answers.stream().filter(Answer::fault).map(Answer::toString).toList());
            if (!changes.isEmpty()) {
                faults.addAll(changes);
                // the likely culprits: what an operation that changes things accepted
                answers.stream().filter(a -> !SAFE_METHODS.contains(a.method) && a.status >= 200 && a.status < 300)
                        .forEach(a -> faults.add("accepted: " + a));
            }
            return faults;
        }

        public int size() {
            return answers.size();
        }

        /** Every answer, one line each, then what changed, then the time it took. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>(answers.stream().map(Answer::toString).toList());
            lines.addAll(changes);
            lines.add(answers.size() + " requests in " + took.toMillis() + " ms");
            return lines;
        }

        @Override
        public String toString() {
            return answers.size() + " requests in " + took.toMillis() + " ms, " + faults().size() + " faults";
        }
    }

    // ---- operations ------------------------------------------------------------------------------

    private record Param(String name, Class<?> type, boolean required) {
    }

    /** An existing thing's id for a path variable, on paths starting with {@code templatePrefix}. */
    private record Id(String templatePrefix, String variable, String value) {
    }

    private record Operation(String method, String template, Map<String, Class<?>> pathVariables, List<Param> query,
            List<String> headers, Type bodyType, boolean readsBody, boolean bodyRequired, boolean json, String contentType) {
    }

    private record Request(String variant, Operation op, Map<String, String> path, Map<String, String> query,
            Map<String, String> headers, byte[] body, Map.Entry<String, String> header) {
    }

    private static List<Operation> operations(ApplicationContext service) {
        Map<String, Operation> found = new LinkedHashMap<>();
        for (RequestMappingHandlerMapping mapping : service.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = entry.getKey();
                Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
                List<String> methods = declared.isEmpty() ? List.of("GET", "POST")
                        : declared.stream().map(RequestMethod::name).sorted().toList();
                Set<MediaType> consumes = info.getConsumesCondition().getConsumableMediaTypes();
                for (String template : info.getPatternValues()) {
                    if (template.contains("*")) {
                        continue;
                    }
                    for (String method : methods) {
                        found.putIfAbsent(method + " " + template, operation(method, template, entry.getValue(), consumes));
                    }
                }
            }
        }
        return List.copyOf(found.values());
    }

    private static Operation operation(String method, String template, HandlerMethod handler, Set<MediaType> consumes) {
        Map<String, Class<?>> pathVariables = new LinkedHashMap<>();
        Matcher variable = PATH_VARIABLE.matcher(template);
        while (variable.find()) {
            pathVariables.put(variable.group(1), String.class);
        }
        List<Param> query = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        Type bodyType = null;
        boolean readsBody = !consumes.isEmpty();
        boolean bodyRequired = false;
        for (MethodParameter parameter : handler.getMethodParameters()) {
            parameter.initParameterNameDiscovery(NAMES);
            Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
            RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
            PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
            RequestHeader requestHeader = parameter.getParameterAnnotation(RequestHeader.class);
            RequestBody requestBody = parameter.getParameterAnnotation(RequestBody.class);
            if (requestParam != null) {
                if (MultipartFile.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                        || type.getName().equals("jakarta.servlet.http.Part")) {
                    readsBody = true;
                    bodyRequired |= requestParam.required();
                    continue;
                }
                boolean required = requestParam.required() && ValueConstants.DEFAULT_NONE.equals(requestParam.defaultValue())
                        && !parameter.isOptional();
                query.add(new Param(name(requestParam.name(), requestParam.value(), parameter), elementOf(parameter, type),
                        required));
            } else if (pathVariable != null) {
                pathVariables.put(name(pathVariable.name(), pathVariable.value(), parameter), type);
            } else if (requestHeader != null) {
                if (!Map.class.isAssignableFrom(type)) {
                    headers.add(name(requestHeader.name(), requestHeader.value(), parameter));
                }
            } else if (requestBody != null) {
                bodyType = parameter.nestedIfOptional().getNestedGenericParameterType();
                readsBody = true;
                bodyRequired = requestBody.required() && !parameter.isOptional();
            } else if (parameter.hasParameterAnnotation(RequestPart.class) || Reader.class.isAssignableFrom(type)
                    || InputStream.class.isAssignableFrom(type) || HttpEntity.class.isAssignableFrom(type)) {
                readsBody = true;
                bodyRequired = true;
            }
        }
        MediaType first = consumes.isEmpty() ? MediaType.APPLICATION_JSON : consumes.iterator().next();
        boolean json = bodyType != null && (consumes.isEmpty() || consumes.stream().anyMatch(MediaType.APPLICATION_JSON::isCompatibleWith));
        return new Operation(method, template, pathVariables, query, headers, bodyType, readsBody, bodyRequired, json,
                json ? MediaType.APPLICATION_JSON_VALUE : first.toString());
    }

    private static Class<?> elementOf(MethodParameter parameter, Class<?> type) {
        if (Collection.class.isAssignableFrom(type) && parameter.getGenericParameterType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return type.isArray() ? type.getComponentType() : type;
    }

    private static String name(String name, String value, MethodParameter parameter) {
        return !name.isEmpty() ? name : !value.isEmpty() ? value : parameter.getParameterName();
    }

    // ---- values ----------------------------------------------------------------------------------

    private static boolean integral(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class
                || type == Short.class || type == BigInteger.class;
    }

    private static boolean floating(Class<?> type) {
        return type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class;
    }

    private static boolean instant(Class<?> type) {
        return type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class;
    }

    /** A well-formed value of the type, for what must be given but is not under test. */
    private static String plausible(Class<?> type) {
        if (integral(type) || floating(type)) {
            return "1";
        } else if (type == boolean.class || type == Boolean.class) {
            return "true";
        } else if (type.isEnum()) {
            return ((Enum<?>) type.getEnumConstants()[0]).name();
        } else if (type == UUID.class) {
            return UUID.randomUUID().toString();
        } else if (type == LocalDate.class) {
            return LocalDate.now().toString();
        } else if (type == LocalDateTime.class) {
            return LocalDateTime.now().withNano(0).toString();
        } else if (instant(type)) {
            return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        }
        return "sweep";
    }

    /** A well-formed value of the type that names nothing; null where every value may name something. */
    private static String absent(Class<?> type) {
        if (integral(type)) {
            return "2000000001";
        } else if (type == UUID.class) {
            return UUID.randomUUID().toString();
        } else if (type == String.class) {
            return "NO-SUCH-" + Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
        }
        return null;
    }

    private static boolean fits(String value, Class<?> type) {
        try {
            if (integral(type)) {
                new BigInteger(value);
            } else if (type == UUID.class) {
                UUID.fromString(value);
            } else if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(value)) {
                        return true;
                    }
                }
                return false;
            } else if (type == LocalDate.class) {
                LocalDate.parse(value);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Values a query parameter or path variable of the type may be sent that a handler must refuse or cope with. 10,000
     * characters make a request line the server itself refuses; 4,000 reach the handler.
     */
    private static List<String> badValues(Class<?> type) {
        List<String> bad = new ArrayList<>(List.of(NUL, LONG));
        if (type == String.class || type == Object.class) {
            bad.addAll(List.of("", MEDIUM));
        } else if (integral(type)) {
            bad.addAll(List.of("-1", "0", String.valueOf(Long.MIN_VALUE), String.valueOf(Integer.MAX_VALUE),
                    String.valueOf(Long.MAX_VALUE), "99999999999999999999"));
        } else if (floating(type)) {
            bad.addAll(List.of("-1", "NaN", "Infinity", "1e309", "-1e309"));
        } else if (type == boolean.class || type == Boolean.class) {
            bad.add("maybe");
        } else if (type.isEnum()) {
            bad.addAll(List.of("NO_SUCH_VALUE", ((Enum<?>) type.getEnumConstants()[0]).name().toLowerCase(Locale.ROOT)));
        } else if (type == UUID.class) {
            bad.addAll(List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000"));
        } else if (type == LocalDate.class) {
            bad.addAll(List.of("-999999999-01-01", "+999999999-12-31", "0000-01-01", "9999-12-31", "+294277-01-01",
                    "2024-02-30"));
        } else if (type == LocalDateTime.class) {
            bad.addAll(List.of("-999999999-01-01T00:00:00", "+999999999-12-31T23:59:59.999999999", "0000-01-01T00:00:00",
                    "9999-12-31T23:59:59", "+294277-01-01T00:00:00"));
        } else if (instant(type) || Temporal.class.isAssignableFrom(type)) {
            bad.addAll(List.of("-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z",
                    "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+294277-01-01T00:00:00Z"));
        }
        return bad;
    }

    /**
     * Values a JSON field of the type must be refused with: text with a NUL or 10,000 characters, and
     * numbers and dates past what their type or any column can hold. A value merely odd (a negative
     * number, 0000-01-01) is one some field may take (a random seed), so it is not sent where something
     * could change.
     */
    private static List<JsonNode> badFields(Class<?> type) {
        List<JsonNode> bad = new ArrayList<>();
        if (integral(type)) {
            bad.add(NODES.numberNode(new BigInteger("99999999999999999999")));
        } else if (floating(type)) {
            bad.add(NODES.numberNode(new BigDecimal("1e400")));
        } else if (type == boolean.class || type == Boolean.class) {
            bad.add(NODES.stringNode("maybe"));
        } else if (type.isEnum()) {
            bad.add(NODES.stringNode("NO_SUCH_VALUE"));
        } else if (type == UUID.class) {
            bad.add(NODES.stringNode("not-a-uuid"));
        } else if (type == LocalDate.class) {
            bad.addAll(List.of(NODES.stringNode("+999999999-12-31"), NODES.stringNode("-999999999-01-01"),
                    NODES.stringNode("+294277-01-01")));
        } else if (instant(type)) {
            bad.addAll(List.of(NODES.stringNode("+1000000000-12-31T23:59:59.999999999Z"),
                    NODES.stringNode("-1000000000-01-01T00:00:00Z"), NODES.stringNode("+294277-01-01T00:00:00Z")));
        }
        if (!integral(type) && !floating(type) && type != boolean.class && type != Boolean.class) {
            bad.add(NODES.stringNode(NUL));
            bad.add(NODES.stringNode(LONG));
        }
        return bad;
    }

    /** A JSON value of the type, every field filled; records its leaves' JSON pointers and types. */
    private static JsonNode generate(Type type, String pointer, Map<String, Class<?>> leaves, int depth) {
        Class<?> raw = raw(type);
        if (depth > 4) {
            return NODES.nullNode();
        }
        if (raw == String.class || raw == Object.class || raw == CharSequence.class) {
            leaves.put(pointer, String.class);
            return NODES.stringNode("sweep");
        } else if (integral(raw) || floating(raw)) {
            leaves.put(pointer, raw);
            return NODES.numberNode(1);
        } else if (raw == boolean.class || raw == Boolean.class) {
            leaves.put(pointer, raw);
            return NODES.booleanNode(true);
        } else if (raw.isEnum() || raw == UUID.class || Temporal.class.isAssignableFrom(raw)) {
            leaves.put(pointer, raw);
            return NODES.stringNode(raw == LocalDate.class ? "2000-01-01" : plausible(raw));
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            ArrayNode array = NODES.arrayNode();
            Type element = raw.isArray() ? raw.getComponentType() : argument(type, 0);
            array.add(generate(element, pointer + "/0", leaves, depth + 1));
            return array;
        } else if (Map.class.isAssignableFrom(raw)) {
            ObjectNode map = NODES.objectNode();
            map.set("sweep", generate(argument(type, 1), pointer + "/sweep", leaves, depth + 1));
            return map;
        }
        ObjectNode object = NODES.objectNode();
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                object.set(component.getName(), generate(component.getGenericType(), pointer + "/" + component.getName(),
                        leaves, depth + 1));
            }
        } else {
            for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                        object.set(field.getName(), generate(field.getGenericType(), pointer + "/" + field.getName(),
                                leaves, depth + 1));
                    }
                }
            }
        }
        return object;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : Object.class;
    }

    /** The leaves of an example, each with the type its JSON suggests. */
    private static void leavesOf(JsonNode node, String pointer, Map<String, Class<?>> leaves) {
        if (node.isObject()) {
            for (var property : node.properties()) {
                leavesOf(property.getValue(), pointer + "/" + property.getKey(), leaves);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leavesOf(node.get(i), pointer + "/" + i, leaves);
            }
        } else if (node.isIntegralNumber()) {
            leaves.put(pointer, Long.class);
        } else if (node.isNumber()) {
            leaves.put(pointer, Double.class);
        } else if (node.isBoolean()) {
            leaves.put(pointer, Boolean.class);
        } else if (node.isString() && ISO_DATE.matcher(node.asString()).matches()) {
            leaves.put(pointer, LocalDate.class);
        } else if (node.isString() && ISO_INSTANT.matcher(node.asString()).matches()) {
            leaves.put(pointer, Instant.class);
        } else {
            leaves.put(pointer, String.class);
        }
    }

    /** A copy of {@code body} with the value at {@code pointer} replaced. */
    private static JsonNode replaced(JsonNode body, String pointer, JsonNode value) {
        if (pointer.isEmpty()) {
            return value;
        }
        JsonNode copy = body.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return copy;
    }

    /** The template with its variables filled in, each percent-encoded. */
    private static String fill(String template, Map<String, String> values) {
        String path = template;
        for (var variable : values.entrySet()) {
            path = path.replaceAll("\\{\\*?" + Pattern.quote(variable.getKey()) + "(:[^}]*)?}",
                    Matcher.quoteReplacement(UriUtils.encode(variable.getValue(), StandardCharsets.UTF_8)));
        }
        return path;
    }

    private static String describe(String value) {
        if (value.length() > 100) {
            return "<" + String.format(Locale.ROOT, "%,d", value.length()) + " characters>";
        }
        return value.replace("\u0000", "<NUL>");
    }

    private static String codeOf(RawHttp.Answer answer) {
        if (answer.status() < 0) {
            return answer.body();
        }
        if (!answer.contentType().contains("json") || answer.body().isEmpty()) {
            return "";
        }
        try {
            JsonNode code = JSON.readTree(answer.body()).get("code");
            return code == null ? "" : code.asString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
