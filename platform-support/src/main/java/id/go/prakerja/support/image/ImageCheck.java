package id.go.prakerja.support.image;

import java.util.Optional;

/**
 * What an uploaded image (a KTP photo, a selfie, a picture with a grievance) must be: present, no
 * larger than the limit, and a JPEG or PNG by its content (the declared content type and file name
 * are the uploader's word only). Field codes {@code IMAGE_MISSING}, {@code IMAGE_TOO_LARGE},
 * {@code IMAGE_TYPE} have their messages in the platform's message bundle.
 */
public final class ImageCheck {

    public enum ImageType {
        JPEG("image/jpeg"), PNG("image/png");

        private final String mediaType;

        ImageType(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageCheck() {
    }

    /** @return the problem code of the image, empty when it is acceptable */
    public static Optional<String> problem(byte[] content, long maxBytes) {
        if (content == null || content.length == 0) {
            return Optional.of("IMAGE_MISSING");
        }
        if (content.length > maxBytes) {
            return Optional.of("IMAGE_TOO_LARGE");
        }
        return type(content).isPresent() ? Optional.empty() : Optional.of("IMAGE_TYPE");
    }

    public static Optional<ImageType> type(byte[] content) {
        if (content.length >= 4 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xD8 && (content[2] & 0xFF) == 0xFF) {
            return Optional.of(ImageType.JPEG);
        }
        if (content.length >= PNG_SIGNATURE.length) {
            for (int i = 0; i < PNG_SIGNATURE.length; i++) {
                if (content[i] != PNG_SIGNATURE[i]) {
                    return Optional.empty();
                }
            }
            return Optional.of(ImageType.PNG);
        }
        return Optional.empty();
    }
}
