package id.go.prakerja.verification.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import id.go.prakerja.support.image.ImageCheck;
import id.go.prakerja.verification.VerificationProperties;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class KycRulesTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};

    @Test
    void jpeg_and_png_are_recognised_by_content_and_nothing_else_is() {
        assertThat(ImageCheck.problem(JPEG, 100)).isEmpty();
        assertThat(ImageCheck.problem(PNG, 100)).isEmpty();
        assertThat(ImageCheck.problem("GIF89a......".getBytes(), 100)).contains("IMAGE_TYPE");
        assertThat(ImageCheck.problem(new byte[0], 100)).contains("IMAGE_MISSING");
        assertThat(ImageCheck.problem(null, 100)).contains("IMAGE_MISSING");
        assertThat(ImageCheck.problem(JPEG, 5)).contains("IMAGE_TOO_LARGE");
    }

    @Property
    void bytes_that_do_not_start_like_an_image_are_never_accepted(@ForAll @Size(max = 64) byte[] content) {
        boolean looksLikeImage = content.length >= 3 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xD8
                || content.length >= 8 && (content[0] & 0xFF) == 0x89 && content[1] == 'P';
        if (!looksLikeImage) {
            assertThat(ImageCheck.problem(content, 1_000)).isPresent();
        }
    }

    @Property
    void a_score_is_matched_undecided_or_not_matched_by_the_programmes_thresholds(@ForAll @IntRange(max = 100) int score) {
        FaceDecision decision = FaceDecision.of(score, 80, 60);
        assertThat(decision).isEqualTo(score >= 80 ? FaceDecision.MATCH : score >= 60 ? FaceDecision.UNDECIDED : FaceDecision.NO_MATCH);
    }

    @Test
    void a_review_threshold_above_the_pass_threshold_is_a_configuration_error() {
        assertThatThrownBy(() -> FaceDecision.of(70, 60, 80)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void waits_after_an_outage_grow_and_stay_within_the_maximum(@ForAll @IntRange(min = 1, max = 1000) int waits) {
        var checks = new VerificationProperties.Checks(java.time.Duration.ofMillis(500), 50, 4, java.time.Duration.ofMinutes(2),
                java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(5));
        assertThat(checks.waitAfter(waits)).isBetween(java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(5));
        assertThat(checks.waitAfter(waits + 1)).isGreaterThanOrEqualTo(checks.waitAfter(waits));
    }
}
