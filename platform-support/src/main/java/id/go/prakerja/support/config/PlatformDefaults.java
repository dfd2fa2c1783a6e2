package id.go.prakerja.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the platform's defaults beneath every service's own configuration, so a service
 * states only what is its own. Local secrets are added only under the {@code local} or
 * {@code test} profile: anywhere else a missing key stops the service at start-up.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    static final Set<String> PROFILES_WITH_LOCAL_SECRETS = Set.of("local", "test");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        addLast(environment, "platform-defaults.yml");
        boolean local = Arrays.stream(environment.getActiveProfiles()).anyMatch(PROFILES_WITH_LOCAL_SECRETS::contains);
        if (local) {
            addLast(environment, "platform-local-defaults.yml");
        }
    }

    private static void addLast(ConfigurableEnvironment environment, String name) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(name, new ClassPathResource(name))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    @Override
    public int getOrder() {
        // after config data, so active profiles are known
        return Ordered.LOWEST_PRECEDENCE;
    }
}
