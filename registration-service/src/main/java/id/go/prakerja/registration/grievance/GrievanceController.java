package id.go.prakerja.registration.grievance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import id.go.prakerja.events.registration.GrievanceResolution;
import id.go.prakerja.events.registration.GrievanceStep;
import id.go.prakerja.registration.grievance.GrievanceRules.Status;
import id.go.prakerja.support.security.CurrentParticipant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A participant's own grievances: file one, read them with their answers. Another's is 404. */
@RestController
@RequestMapping("/api/v1/grievances")
@Tag(name = "Grievances")
public class GrievanceController {

    private final Grievances grievances;

    public GrievanceController(Grievances grievances) {
        this.grievances = grievances;
    }

    public record AnswerView(String text, Instant answeredAt) {
    }

    public record GrievanceView(UUID grievanceId, GrievanceStep step, String text, Status status,
            GrievanceResolution resolution, Instant filedAt, Instant answeredAt, Instant resolvedAt, List<String> images,
            List<AnswerView> answers) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "File a grievance about a step (text and up to two JPEG or PNG images)")
    public ResponseEntity<GrievanceView> file(Authentication authentication,
            @RequestParam(name = "step", required = false) GrievanceStep step,
            @RequestParam(name = "text", required = false) String text,
            @RequestPart(name = "images", required = false) List<MultipartFile> images) {
        List<byte[]> pictures = images == null ? List.of()
                : images.stream().filter(f -> f != null && !(f.isEmpty() && f.getOriginalFilename() == null))
                        .map(GrievanceController::bytes).toList();
        Grievances.Grievance filed = grievances.file(CurrentParticipant.id(authentication), step, text, pictures);
        return ResponseEntity.created(URI.create("/api/v1/grievances/" + filed.id())).body(view(filed));
    }

    @GetMapping
    @Operation(summary = "My grievances, newest first, with their status and answers")
    public List<GrievanceView> mine(Authentication authentication) {
        return grievances.of(CurrentParticipant.id(authentication)).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of my grievances")
    public GrievanceView one(Authentication authentication, @PathVariable UUID id) {
        return view(grievances.mine(CurrentParticipant.id(authentication), id));
    }

    @GetMapping("/{id}/images/{position}")
    @Operation(summary = "An image of one of my grievances (1 or 2)")
    public ResponseEntity<byte[]> image(Authentication authentication, @PathVariable UUID id, @PathVariable int position) {
        return image(grievances.myImage(CurrentParticipant.id(authentication), id, position));
    }

    static ResponseEntity<byte[]> image(GrievanceImages.Image image) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.mediaType()))
                .cacheControl(CacheControl.noStore().cachePrivate()).header("X-Content-Type-Options", "nosniff")
                .body(image.content());
    }

    private GrievanceView view(Grievances.Grievance g) {
        List<String> images = java.util.stream.IntStream.rangeClosed(1, g.images())
                .mapToObj(n -> "/api/v1/grievances/" + g.id() + "/images/" + n).toList();
        return new GrievanceView(g.id(), g.step(), g.text(), g.status(), g.resolution(), g.filedAt(), g.answeredAt(),
                g.resolvedAt(), images, grievances.answers(g.id()).stream().map(a -> new AnswerView(a.text(), a.answeredAt())).toList());
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
