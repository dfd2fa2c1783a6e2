package id.go.prakerja.registration;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.PlatformIntegrationTest;

/** The registration service on the shared broker and database, with the outside parties simulated; one context for all its tests. */
@PlatformIntegrationTest
public abstract class RegistrationServiceTest {

    protected static final Simulators SIMULATORS = Simulators.start();

    @DynamicPropertySource
    static void outsideParties(DynamicPropertyRegistry registry) {
        registry.add("prakerja.sms.base-url", () -> SIMULATORS.baseUrl(Party.SMS));
        registry.add("prakerja.email.base-url", () -> SIMULATORS.baseUrl(Party.EMAIL));
    }

    @LocalServerPort
    protected int port;

    protected HttpApi api() {
        return HttpApi.at("http://localhost:" + port);
    }
}
