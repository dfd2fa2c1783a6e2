package id.go.prakerja.support.crypto;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Operator control of the re-encryption job ({@link FieldKeyRotation}); an operator path of the
 * service itself, reached inside the cluster (docs/operations.md, "Keys and their rotation").
 */
@RestController
@RequestMapping("/admin/crypto/field-keys")
// created by FieldKeyRotationConfiguration; a scan of this package (an application in it) skips it
// unless the job exists
@ConditionalOnBean(FieldKeyRotation.class)
@Tag(name = "Field keys (operator)")
public class FieldKeyRotationController {

    private final FieldKeyRotation rotation;

    public FieldKeyRotationController(FieldKeyRotation rotation) {
        this.rotation = rotation;
    }

    /** Where the walk under the current key stands. */
    @GetMapping("/reseal")
    public FieldKeyRotation.Progress progress() {
        return rotation.progress();
    }

    /** Runs up to {@code batches} batches (of {@code prakerja.crypto.reseal.batch-size} rows) and answers the progress. */
    @PostMapping("/reseal")
    public FieldKeyRotation.Progress run(@RequestParam(defaultValue = "20") int batches) {
        return rotation.run(Math.min(Math.max(batches, 1), 10_000));
    }

    /** Walks the tables again from the start under the current key. */
    @PostMapping("/reseal/restart")
    public FieldKeyRotation.Progress restart() {
        return rotation.restart();
    }

    /** Rows per table still holding a value not sealed under the current key (a full scan). */
    @GetMapping("/remaining")
    public Map<String, Long> remaining() {
        return rotation.remaining();
    }
}
