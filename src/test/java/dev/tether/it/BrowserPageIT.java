package dev.tether.it;

import dev.tether.testing.Deployments;
import dev.tether.testing.NodeTests;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The signed-in page in Debian's chromium, driven by {@code src/test/js/browser/page.test.js}: sign-in, the live
 * connection with its refreshes, a refused refresh ending in the server's expired close, and sign-out. The
 * screenshots (page-connected.png, page-signed-out.png, page-phone.png) go to target/.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserPageIT {

    private static final String USER = "demo";
    private static final String PASSWORD = "page-password";

    @ArquillianResource
    URL base;

    /** Two-second tokens and a two-second grace, so that refreshes and the close come quickly. */
    @Deployment
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                "connection_token_ttl", "2",
                "client_expired_close_delay", "2",
                "demo_user", USER,
                "demo_password", PASSWORD));
    }

    @Test
    void thePageShowsItsConnectionRefreshingThenClosedAfterSignOut() throws Exception {
        NodeTests.assertPass("browser", Map.of(
                        "BASE_URL", base.toString(),
                        "DEMO_USER", USER,
                        "DEMO_PASSWORD", PASSWORD,
                        "SCREENSHOT_DIR", Path.of("target").toAbsolutePath().toString()),
                Duration.ofMinutes(3),
                "browser/page.test.js");
    }
}
