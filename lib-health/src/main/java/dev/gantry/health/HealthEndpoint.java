package dev.gantry.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the health endpoint's requests from the service's latest snapshot. Never runs a
 * check and never reads a request body, so a slow node or a large upload cannot slow it down.
 * Thread-safe.
 */
final class HealthEndpoint implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(HealthEndpoint.class);

    static final String READINESS_PATH = "/healthcheck";
    private static final String CHECK_PREFIX = READINESS_PATH + "/";
    private static final String ALLOW = "GET, HEAD";
    /** The reason code served when the evaluator has stopped running checks. */
    static final String EVALUATOR_STUCK = "HEALTH-EVALUATOR-STUCK";

    private final HealthService service;
    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

    HealthEndpoint(HealthService service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            Reply reply = answerSafely(method, exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery());
            send(exchange, reply, "HEAD".equals(method));
        } finally {
            exchange.close(); // an unread request body is drained up to the JDK's small bound, then the connection closes
        }
    }

    /**
     * The answer to one request, without any I/O.
     *
     * @param method the HTTP method
     * @param path the raw path
     * @param query the raw query, or {@code null} for none
     * @return the reply
     */
    Reply answer(String method, String path, String query) {
        Optional<Route> route = Route.of(path);
        HealthSnapshot snapshot = service.snapshot();
        Optional<CheckSnapshot> check = route.filter(Route.CHECK::equals).flatMap(r -> snapshot.check(checkName(path)));
        if (route.isEmpty() || route.get() == Route.CHECK && check.isEmpty()) {
            return noStore(Reply.json(404, HealthJson.error("not found")));
        }
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return noStore(Reply.json(405, HealthJson.error("method not allowed"))).withHeader("Allow", ALLOW);
        }
        boolean verbose = hasFlag(query, "verbose");
        String key = route.get() + (verbose ? "?verbose " : " ") + check.map(CheckSnapshot::name).orElse("");
        return cached(key, snapshot, () -> noStore(switch (route.get()) {
            case READINESS -> readiness(snapshot, verbose);
            case LIVENESS -> liveness(snapshot, verbose);
            case CHECK -> single(check.orElseThrow(), verbose);
            case METRICS -> new Reply(200, PrometheusText.CONTENT_TYPE,
                    HealthMetrics.render(snapshot).getBytes(StandardCharsets.UTF_8), Map.of());
        }));
    }

    /**
     * The reply rendered last for {@code key}, when nothing it is rendered from has changed
     * since; else a fresh one. Between two runs of the checks every probe gets the same bytes,
     * so rendering costs nothing under load. Keys are bounded: routes times registered checks.
     */
    private Reply cached(String key, HealthSnapshot snapshot, Supplier<Reply> render) {
        RenderedFrom from = new RenderedFrom(snapshot.readiness(), snapshot.liveness(), snapshot.checks());
        Rendered last = rendered.get(key);
        if (last != null && last.from().equals(from)) {
            return last.reply();
        }
        Reply reply = render.get();
        rendered.put(key, new Rendered(from, reply));
        return reply;
    }

    /** Everything a reply is rendered from; the snapshot's own time is not part of any body. */
    private record RenderedFrom(Status readiness, Status liveness, List<CheckSnapshot> checks) {
    }

    private record Rendered(RenderedFrom from, Reply reply) {
    }

    private Reply answerSafely(String method, String path, String query) {
        try {
            return answer(method, path, query);
        } catch (RuntimeException e) { // never a stack trace on the wire
            log.warn("health endpoint failed to answer {} {}", method, path, e);
            return noStore(Reply.json(500, HealthJson.error("internal error")));
        }
    }

    private static Reply readiness(HealthSnapshot snapshot, boolean verbose) {
        List<CheckSnapshot> checks = snapshot.checks(CheckGroup.READINESS);
        Status status = snapshot.readiness();
        Reply reply = verbose
                ? Reply.text(code(status), VerboseText.render("readiness", status, checks, List.of()))
                : Reply.json(code(status), HealthJson.overall(status, "ready", checks, Optional.empty()));
        return nodeHeaders(reply, checks);
    }

    private static Reply liveness(HealthSnapshot snapshot, boolean verbose) {
        List<CheckSnapshot> checks = snapshot.checks(CheckGroup.LIVENESS);
        Status status = snapshot.liveness();
        // liveness is down while every liveness check is ready only when the evaluator stopped ticking
        boolean stuck = !status.isReady() && checks.stream().allMatch(check -> check.status().isReady());
        if (verbose) {
            List<String> evaluator = status.isReady() ? List.of("[+]evaluator ok")
                    : stuck ? List.of("[-]evaluator failed: reason " + EVALUATOR_STUCK) : List.of();
            return Reply.text(code(status), VerboseText.render("liveness", status, checks, evaluator));
        }
        return Reply.json(code(status), HealthJson.overall(status, "live", checks,
                stuck ? Optional.of(EVALUATOR_STUCK) : Optional.empty()));
    }

    private static Reply single(CheckSnapshot check, boolean verbose) {
        int code = code(check.status());
        Reply reply = verbose ? Reply.text(code, VerboseText.line(check) + "\n")
                : Reply.json(code, HealthJson.single(check));
        return nodeHeaders(reply, List.of(check));
    }

    private static Reply nodeHeaders(Reply reply, List<CheckSnapshot> checks) {
        Reply result = reply;
        OptionalLong height = first(checks, CheckResult.HEIGHT);
        if (height.isPresent()) {
            result = result.withHeader("X-Node-Height", Long.toString(height.getAsLong()));
        }
        OptionalLong lag = first(checks, CheckResult.LAG);
        if (lag.isPresent()) {
            result = result.withHeader("X-Node-Lag", Long.toString(lag.getAsLong()));
        }
        OptionalLong retryAfter = retryAfter(checks);
        if (reply.code() == 503 && retryAfter.isPresent()) {
            result = result.withHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
        }
        return result;
    }

    /** The latest ETA when every check that is not ready gives one, else empty. */
    private static OptionalLong retryAfter(List<CheckSnapshot> checks) {
        List<Long> etas = new ArrayList<>();
        for (CheckSnapshot check : checks) {
            if (!check.status().isReady()) {
                Optional<Double> eta = PublicDetails.number(check.result(), CheckResult.RETRY_AFTER_SECONDS);
                if (eta.isEmpty()) {
                    return OptionalLong.empty();
                }
                etas.add(Math.max(0, (long) Math.ceil(eta.get())));
            }
        }
        return etas.stream().mapToLong(Long::longValue).max();
    }

    private static OptionalLong first(List<CheckSnapshot> checks, String key) {
        return checks.stream().map(check -> PublicDetails.whole(check.result(), key)).filter(OptionalLong::isPresent)
                .findFirst().orElse(OptionalLong.empty());
    }

    private static int code(Status status) {
        return status.isReady() ? 200 : 503;
    }

    private static Reply noStore(Reply reply) {
        return reply.withHeader("Cache-Control", "no-store");
    }

    private static String checkName(String path) {
        return path.substring(CHECK_PREFIX.length());
    }

    static boolean hasFlag(String query, String flag) {
        if (query == null) {
            return false;
        }
        for (String part : query.split("&")) {
            if (part.equals(flag) || part.startsWith(flag + "=") && !part.equals(flag + "=false")) {
                return true;
            }
        }
        return false;
    }

    private static void send(HttpExchange exchange, Reply reply, boolean head) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(reply.body().length));
            exchange.sendResponseHeaders(reply.code(), -1);
            return;
        }
        exchange.sendResponseHeaders(reply.code(), reply.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(reply.body());
        }
    }

    /** The paths the endpoint serves. */
    enum Route {
        READINESS, LIVENESS, CHECK, METRICS;

        static Optional<Route> of(String path) {
            if (path == null) {
                return Optional.empty();
            }
            return switch (path) {
                case READINESS_PATH, "/readyz" -> Optional.of(READINESS);
                case "/livez" -> Optional.of(LIVENESS);
                case "/metrics" -> Optional.of(METRICS);
                default -> path.startsWith(CHECK_PREFIX) && path.length() > CHECK_PREFIX.length()
                        && path.indexOf('/', CHECK_PREFIX.length()) < 0 ? Optional.of(CHECK) : Optional.empty();
            };
        }
    }
}
