package id.go.prakerja.support.security;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One entry of {@code prakerja.security.public-paths}: {@code "POST /api/v1/participants"} (that method
 * only) or {@code "/api/v1/auth/**"} (any method). The security chain opens these, and the OpenAPI
 * document shows them without a lock, both from this one reading.
 *
 * @param method  the method it is open for, or null for every method
 * @param pattern a path pattern as Spring's {@link PathPatternParser} reads it
 */
public record PublicPath(HttpMethod method, String pattern) {

    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{[^/}]+}");

    public static PublicPath parse(String declaration) {
        String[] parts = declaration.trim().split("\\s+", 2);
        return parts.length == 2 ? new PublicPath(HttpMethod.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1])
                : new PublicPath(null, parts[0]);
    }

    /**
     * Whether a documented operation is open: {@code template} is an OpenAPI path such as
     * {@code /api/v1/waves/{n}}, whose variables may be any one segment.
     */
    public boolean covers(String method, String template) {
        if (this.method != null && !this.method.name().equalsIgnoreCase(method)) {
            return false;
        }
        PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
        // a variable stands for a segment no literal of the pattern names, so only a wildcard matches it
        String path = TEMPLATE_VARIABLE.matcher(template).replaceAll("{}");
        return parsed.matches(PathContainer.parsePath(path));
    }
}
