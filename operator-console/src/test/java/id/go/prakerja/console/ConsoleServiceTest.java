package id.go.prakerja.console;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.PlatformIntegrationTest;

/** The operator console on the shared broker and database; one context for all its tests. */
@PlatformIntegrationTest
public abstract class ConsoleServiceTest {

    protected static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    protected int port;
    @Autowired
    protected TokenIssuer tokens;

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected HttpApi api() {
        return HttpApi.at(baseUrl());
    }

    protected HttpApi operator() {
        return api().withToken(tokens.issue("operator-sari", Roles.OPERATOR).accessToken());
    }
}
