package id.go.prakerja.console.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import id.go.prakerja.console.ConsoleProperties;
import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.PostConstruct;

/**
 * Server-sent events for the page: a {@code changed} event whenever the read model moved (more
 * events read, or a rebuild started or finished), so the page refreshes what it shows without
 * being reloaded. One cheap check per interval serves every open page.
 */
@RestController
public class ReportStream {

    /** A stream ends after this; the page opens a new one (and so passes the token check again). */
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final TaskScheduler scheduler;
    private final ConsoleProperties properties;
    private final List<SseEmitter> open = new CopyOnWriteArrayList<>();
    private volatile Map<String, Object> last;

    public ReportStream(JdbcTemplate jdbc, TaskScheduler taskScheduler, ConsoleProperties properties) {
        this.jdbc = jdbc;
        this.scheduler = taskScheduler;
        this.properties = properties;
    }

    @PostConstruct
    void schedule() {
        scheduler.scheduleWithFixedDelay(this::push, properties.pushInterval());
    }

    @GetMapping(path = "/admin/reports/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: 'changed' whenever the read model moved")
    public SseEmitter stream(@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) throws IOException {
        // a stream stays open for minutes: only a client that asks for one gets it
        if (accept == null || !accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)) {
            throw new ProblemException(HttpStatus.NOT_ACCEPTABLE, "EVENT_STREAM_ONLY");
        }
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        emitter.onCompletion(() -> open.remove(emitter));
        emitter.onTimeout(() -> open.remove(emitter));
        emitter.onError(e -> open.remove(emitter));
        open.add(emitter);
        emitter.send(SseEmitter.event().name("changed").data(position()));
        return emitter;
    }

    /** Open streams end at shutdown, so a graceful shutdown does not wait for them; pages reconnect elsewhere. */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        for (SseEmitter emitter : open) {
            emitter.complete();
        }
        open.clear();
    }

    void push() {
        if (open.isEmpty()) {
            last = null;
            return;
        }
        Map<String, Object> now = position();
        if (Objects.equals(now, last)) {
            return;
        }
        last = now;
        for (SseEmitter emitter : open) {
            try {
                emitter.send(SseEmitter.event().name("changed").data(now));
            } catch (IOException | IllegalStateException e) {
                open.remove(emitter);
            }
        }
    }

    private Map<String, Object> position() {
        return jdbc.queryForObject("""
                select (select coalesce(sum(events), 0) from topic_position) as events,
                       (select max(last_event_at) from topic_position) as last_event_at,
                       s.generation, s.rebuilding
                from read_model_state s
                """, (rs, row) -> Map.of("events", rs.getLong(1),
                "lastEventAt", rs.getTimestamp(2) == null ? "" : rs.getTimestamp(2).toInstant().toString(),
                "generation", rs.getInt(3), "rebuilding", rs.getBoolean(4)));
    }
}
