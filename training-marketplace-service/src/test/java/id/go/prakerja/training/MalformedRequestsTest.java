package id.go.prakerja.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import id.go.prakerja.testsupport.MalformedRequests;

/** Nothing a client can send to any documented endpoint is answered with a 5xx. */
class MalformedRequestsTest extends TrainingServiceTest {

    @Test
    void no_malformed_request_to_any_endpoint_is_answered_with_a_5xx() {
        Participant p = selected();
        assertThat(MalformedRequests.sendToEveryEndpoint(p.api(), operator(), MalformedRequests.all()))
                .hasSizeGreaterThan(20).allSatisfy(line -> assertThat(line).doesNotContainPattern("-> 5\\d\\d"));
    }
}
