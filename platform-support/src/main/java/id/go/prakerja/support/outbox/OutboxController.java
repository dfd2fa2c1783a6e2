package id.go.prakerja.support.outbox;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Operator view of this service's outbox: what waits, what was parked, and decisions on parked events. */
@RestController
@RequestMapping("/admin/messaging/${prakerja.service-key}/outbox")
@Tag(name = "Outbox (operator)")
public class OutboxController {

    private final OutboxRelay relay;
    private final ParkedEvents parked;

    public OutboxController(OutboxRelay relay, ParkedEvents parked) {
        this.relay = relay;
        this.parked = parked;
    }

    @GetMapping
    public Map<String, Object> summary() {
        return Map.of("pending", relay.pendingCount(), "parked", parked.count());
    }

    @GetMapping("/parked")
    public List<ParkedEvents.ParkedEvent> parked(@RequestParam(defaultValue = "100") int limit) {
        return parked.list(Math.min(Math.max(limit, 1), 1000));
    }

    @PostMapping("/parked/{eventId}/release")
    public Map<String, Object> release(@PathVariable UUID eventId, Principal operator) {
        parked.release(eventId, operator.getName());
        return Map.of("eventId", eventId, "status", "RELEASED");
    }

    @PostMapping("/parked/{eventId}/discard")
    public Map<String, Object> discard(@PathVariable UUID eventId, @Valid @RequestBody Discard request, Principal operator) {
        parked.discard(eventId, operator.getName(), request.reason());
        return Map.of("eventId", eventId, "status", "DISCARDED");
    }

    public record Discard(@NotBlank @Size(max = 500) String reason) {
    }
}
