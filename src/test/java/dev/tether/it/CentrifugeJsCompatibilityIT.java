package dev.tether.it;

import dev.tether.testing.Deployments;
import dev.tether.testing.NodeTests;
import dev.tether.testing.Tokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

/**
 * The real centrifuge-js 2.8.5 client (npm {@code centrifuge@2.8.5} on {@code ws}) against the deployed server:
 * ttl-driven refresh through the hook and through the client's own AJAX call, refusal after sign-out, the 109
 * path and invalid tokens. The cases are {@code src/test/js/compat/*.test.js}; their log is
 * {@code target/js-compat.log}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CentrifugeJsCompatibilityIT {

    /** Short enough that several refresh cycles and an expiry fit in seconds. */
    private static final String TOKEN_TTL_SECONDS = "2";
    private static final String GRACE_SECONDS = "2";
    private static final String DEMO_USER = "demo";
    private static final String DEMO_PASSWORD = "compat-demo-password";

    @ArquillianResource
    URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                "connection_token_ttl", TOKEN_TTL_SECONDS,
                "client_expired_close_delay", GRACE_SECONDS,
                "demo_user", DEMO_USER,
                "demo_password", DEMO_PASSWORD));
    }

    @Test
    void theRealCentrifugeJsClientWorksUnchanged() throws Exception {
        Map<String, String> env = Map.of(
                "BASE_URL", base.toString(),
                "TOKEN_SECRET", Tokens.SECRET,
                "DEMO_USER", DEMO_USER,
                "DEMO_PASSWORD", DEMO_PASSWORD,
                "GRACE_SECONDS", GRACE_SECONDS,
                "TOKEN_TTL_SECONDS", TOKEN_TTL_SECONDS);

        NodeTests.assertPass("compat", env, Duration.ofMinutes(3), "compat/");
    }
}
