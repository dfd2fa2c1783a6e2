package id.go.prakerja.incentive.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** Payout runs wait for two operators everywhere but on the demo stack, which pays by itself. */
class ApprovalDefaultsTest {

    private static Object approvalRequired(String file) throws IOException {
        var resource = new ClassPathResource(file);
        if (!resource.exists()) {
            return null;
        }
        return new YamlPropertySourceLoader().load(file, resource).stream()
                .map(source -> source.getProperty("prakerja.incentive.runs.approval-required"))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    @Test
    void approval_is_required_by_default_and_only_the_demo_profile_switches_it_off() throws IOException {
        assertThat(approvalRequired("application.yml")).hasToString("true");
        assertThat(approvalRequired("application-local.yml")).as("local keeps the default").isNull();
        assertThat(approvalRequired("application-demo.yml")).hasToString("false");
    }
}
