package id.go.prakerja.support.deadletter;

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

/** Operator view of this service's dead letters: list, inspect, replay, discard. */
@RestController
@RequestMapping("/admin/messaging/${prakerja.service-key}/dead-letters")
@Tag(name = "Dead letters (operator)")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public List<DeadLetter> list(@RequestParam(required = false) DeadLetter.Status status,
            @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(status, Math.min(Math.max(limit, 1), 1000));
    }

    @GetMapping("/{id}")
    public DeadLetter get(@PathVariable UUID id) {
        return deadLetters.find(id).orElseThrow(() -> new DeadLetters.DeadLetterNotFound(id));
    }

    @PostMapping("/{id}/replay")
    public Map<String, Object> replay(@PathVariable UUID id, Principal operator) {
        var outcome = deadLetters.replay(id, operator.getName());
        return Map.of("id", id, "status", DeadLetter.Status.REPLAYED, "outcome", outcome);
    }

    @PostMapping("/{id}/discard")
    public Map<String, Object> discard(@PathVariable UUID id, @Valid @RequestBody Discard request, Principal operator) {
        deadLetters.discard(id, operator.getName(), request.reason());
        return Map.of("id", id, "status", DeadLetter.Status.DISCARDED);
    }

    public record Discard(@NotBlank @Size(max = 500) String reason) {
    }
}
