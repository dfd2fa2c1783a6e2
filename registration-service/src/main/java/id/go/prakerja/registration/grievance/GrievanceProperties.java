package id.go.prakerja.registration.grievance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxOpen        grievances a participant may have open (not resolved) at once; one more is 409
 * @param textMinLength  shortest grievance text, in characters
 * @param textMaxLength  longest grievance text or answer, in characters (the columns hold 2,000)
 * @param maxImages      images with one grievance
 * @param maxImageSize   largest image accepted (JPEG or PNG)
 * @param noticeBatchSize notices claimed per batch by the worker
 */
@ConfigurationProperties("prakerja.grievances")
public record GrievanceProperties(@DefaultValue("5") int maxOpen,
        @DefaultValue("10") int textMinLength,
        @DefaultValue("2000") int textMaxLength,
        @DefaultValue("2") int maxImages,
        @DefaultValue("2MB") DataSize maxImageSize,
        @DefaultValue("100") int noticeBatchSize) {

    public GrievanceProperties {
        if (textMaxLength > 2000 || maxImages > 2 || maxOpen < 1) {
            throw new IllegalArgumentException("prakerja.grievances: text at most 2000, images at most 2, max-open at least 1");
        }
    }
}
