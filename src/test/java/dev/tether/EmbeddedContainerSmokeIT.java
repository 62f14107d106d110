package dev.tether;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tether.smoke.SmokeApplication;
import dev.tether.smoke.SmokeBean;
import dev.tether.smoke.SmokeResource;

/**
 * Proves the integration-test plumbing: embedded Payara starts with the filtered domain.xml,
 * a ShrinkWrap WAR deploys, and the {@link ArquillianResource} URL reaches it. A failed
 * deployment (e.g. missing --add-opens in failsafe's argLine) shows up here as a lost context
 * root and a 404, so this test fails loudly instead of letting other ITs pass vacuously.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EmbeddedContainerSmokeIT {

    private static final String ARCHIVE_NAME = "smoke.war";
    private static final String CONTEXT_ROOT = "/smoke/";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, ARCHIVE_NAME)
                .addClasses(SmokeApplication.class, SmokeResource.class, SmokeBean.class)
                // Load classes from the WAR, not from the test class path, so a class missing
                // from a deployment is noticed (embedded Payara shares the test class path).
                // The deployed classes are top-level public classes: a nested class of this
                // test would be loaded by the WAR's loader while its package-private outer
                // class comes from the test class path, and Jersey fails with
                // IllegalAccessError (Class.isMemberClass) across the two loaders.
                .addAsWebInfResource(new StringAsset(
                        "<!DOCTYPE glassfish-web-app PUBLIC \"-//GlassFish.org//DTD GlassFish"
                                + " Application Server 3.1 Servlet 3.0//EN\""
                                + " \"http://glassfish.org/dtds/glassfish-web-app_3_0-1.dtd\">\n"
                                + "<glassfish-web-app><class-loader delegate=\"false\"/></glassfish-web-app>\n"),
                        "glassfish-web.xml");
    }

    @Test
    void deploysAndServesJaxRsResource() throws Exception {
        assertNotNull(base, "no @ArquillianResource URL injected");
        assertEquals(CONTEXT_ROOT, base.getPath(),
                "deployment URL lost its context root (deployment failed?): " + base);
        // failsafe passes the port that build-helper reserved and domain.xml was filtered with
        String reservedPort = System.getProperty("tether.http.port");
        if (reservedPort != null) {
            assertEquals(Integer.parseInt(reservedPort), base.getPort(), "HTTP port of " + base);
        }

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toExternalForm() + SmokeResource.PATH))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), "GET " + request.uri() + " -> " + response.body());
        assertEquals(SmokeResource.BODY, response.body());
    }
}
