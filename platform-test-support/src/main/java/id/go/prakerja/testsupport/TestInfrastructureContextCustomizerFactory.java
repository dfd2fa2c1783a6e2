package id.go.prakerja.testsupport;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at the shared broker and database. All contexts of one JVM share one database, so cached contexts
 * stay cheap; tests must not assume an empty table unless they own the rows they count.
 */
public class TestInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    static final String DATABASE = "prakerja_test";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        return new Customizer();
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestInfrastructure infrastructure = TestInfrastructure.get();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("prakerja-test-infrastructure", Map.of(
                    "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                    "spring.datasource.url", infrastructure.jdbcUrl(DATABASE),
                    "spring.datasource.username", infrastructure.username(),
                    "spring.datasource.password", infrastructure.password(),
                    "spring.kafka.consumer.auto-offset-reset", "earliest")));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
