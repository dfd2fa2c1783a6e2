package id.go.prakerja.registration.grievance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.events.registration.GrievanceResolution;
import id.go.prakerja.events.registration.GrievanceStep;
import id.go.prakerja.registration.grievance.GrievanceRules.Status;
import id.go.prakerja.support.security.OperatorIdentity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The operators' side of grievances: the queue with its age buckets, one grievance with the
 * participant's text, images and answers, and the changes (assign, answer, escalate, resolve);
 * each change is audited, and one its status does not allow is 409.
 */
@RestController
@RequestMapping("/admin/grievances")
@Tag(name = "Grievances (operator)")
public class GrievanceAdminController {

    private final Grievances grievances;

    public GrievanceAdminController(Grievances grievances) {
        this.grievances = grievances;
    }

    public record Detail(UUID grievanceId, UUID participantId, GrievanceStep step, String text, Status status,
            String assignedTo, GrievanceResolution resolution, Instant filedAt, Instant answeredAt, Instant escalatedAt,
            Instant resolvedAt, Instant updatedAt, List<String> images, List<Grievances.Answer> answers) {
    }

    public record Assignment(String operator) {
    }

    public record AnswerRequest(String text) {
    }

    public record Escalation(String reason) {
    }

    public record Resolution(GrievanceResolution resolution, String note) {
    }

    @GetMapping
    @Operation(summary = "The queue: grievances by status (default: every one not resolved) and step, oldest first, "
            + "at most 500 a page, with how many wait in each age bucket")
    public Grievances.Queue queue(@RequestParam(required = false) List<Status> status,
            @RequestParam(required = false) GrievanceStep step, @RequestParam(required = false) String assignedTo,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        return grievances.queue(status, step, assignedTo, Math.min(Math.max(limit, 1), 500), Math.max(offset, 0));
    }

    @GetMapping("/{id}")
    public Detail one(@PathVariable UUID id) {
        return detail(grievances.find(id));
    }

    @GetMapping("/{id}/images/{position}")
    public ResponseEntity<byte[]> image(@PathVariable UUID id, @PathVariable int position) {
        return GrievanceController.image(grievances.image(id, position));
    }

    @PostMapping("/{id}/assign")
    @Operation(summary = "Assign to the caller, or to the operator named")
    public Detail assign(@PathVariable UUID id, @RequestBody(required = false) Assignment request, Authentication caller) {
        return detail(grievances.assign(id, operator(caller), request == null ? null : request.operator()));
    }

    @PostMapping("/{id}/answer")
    @Operation(summary = "Answer (the participant reads it and is told by SMS and e-mail)")
    public Detail answer(@PathVariable UUID id, @RequestBody AnswerRequest request, Authentication caller) {
        return detail(grievances.answer(id, operator(caller), request.text()));
    }

    @PostMapping("/{id}/escalate")
    public Detail escalate(@PathVariable UUID id, @RequestBody(required = false) Escalation request, Authentication caller) {
        return detail(grievances.escalate(id, operator(caller), request == null ? null : request.reason()));
    }

    @PostMapping("/{id}/resolve")
    @Operation(summary = "Resolve with a category: EXPLAINED, FIXED, REJECTED or DUPLICATE")
    public Detail resolve(@PathVariable UUID id, @RequestBody Resolution request, Authentication caller) {
        return detail(grievances.resolve(id, operator(caller), request.resolution(), request.note()));
    }

    private static String operator(Authentication caller) {
        return OperatorIdentity.of(caller).subject();
    }

    private Detail detail(Grievances.Grievance g) {
        List<String> images = java.util.stream.IntStream.rangeClosed(1, g.images())
                .mapToObj(n -> "/admin/grievances/" + g.id() + "/images/" + n).toList();
        return new Detail(g.id(), g.participantId(), g.step(), g.text(), g.status(), g.assignedTo(), g.resolution(),
                g.filedAt(), g.answeredAt(), g.escalatedAt(), g.resolvedAt(), g.updatedAt(), images, grievances.answers(g.id()));
    }
}
