package dev.tether.it;

import dev.tether.testing.Deployments;
import dev.tether.testing.Tokens;
import dev.tether.testing.WsClient;
import dev.tether.token.ConnectionToken;
import jakarta.json.Json;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application's refresh endpoint on the container's FORM sign-in and HTTP session. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefreshEndpointIT {

    private static final int TTL_SECONDS = 120;

    @ArquillianResource
    URL base;

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    @Deployment
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                "demo_user", "demo",
                "demo_password", "demo-password",
                "connection_token_ttl", String.valueOf(TTL_SECONDS)));
    }

    private HttpResponse<String> post(String path, String contentType, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        headers.forEach(request::header);
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A refresh exactly as centrifuge-js sends it. */
    private HttpResponse<String> refresh() throws IOException, InterruptedException {
        return post("centrifuge/refresh", "application/json", Map.of("X-Requested-With", "XMLHttpRequest"), "{}");
    }

    private HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> loginPage = browser.send(
                HttpRequest.newBuilder(URI.create(base + "app/")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(loginPage.body().contains("j_security_check"), "the signed-in area asks to sign in first");
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return post("j_security_check", "application/x-www-form-urlencoded", Map.of(), form);
    }

    @Test
    void withoutASessionRefreshIsForbiddenAndNotCached() throws Exception {
        HttpResponse<String> response = refresh();

        assertEquals(403, response.statusCode());
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"));
    }

    @Test
    void afterSignInRefreshIssuesATokenForThePrincipalThatConnects() throws Exception {
        HttpResponse<String> signedIn = signIn("demo", "demo-password");
        assertEquals(200, signedIn.statusCode());
        assertTrue(signedIn.body().contains("Signed in"), signedIn.body());

        HttpResponse<String> response = refresh();

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"));
        String token = Json.createReader(new StringReader(response.body())).readObject().getString("token");
        long now = System.currentTimeMillis();
        ConnectionToken verified = Tokens.hmacVerifier().verify(token, now);
        assertEquals("demo", verified.user());
        long ttl = verified.expiresAtMillis() - now;
        assertTrue(ttl > (TTL_SECONDS - 5) * 1000L && ttl <= TTL_SECONDS * 1000L, "ttl " + ttl + " ms");
        try (WsClient client = WsClient.open(base)) {
            assertTrue(client.connect(token).getBoolean("expires"));
        }
    }

    @Test
    void theSessionEndpointTellsTheSignedInUserAndTheGrace() throws Exception {
        HttpRequest session = HttpRequest.newBuilder(URI.create(base + "centrifuge/session")).build();
        assertEquals(403, browser.send(session, HttpResponse.BodyHandlers.ofString()).statusCode());

        signIn("demo", "demo-password");
        HttpResponse<String> response = browser.send(session, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"));
        assertEquals("{\"user\":\"demo\",\"client_expired_close_delay\":25}", response.body());
    }

    @Test
    void afterSignOutRefreshIsForbiddenAgain() throws Exception {
        signIn("demo", "demo-password");
        assertEquals(200, refresh().statusCode());

        HttpResponse<String> signedOut = post("logout", "application/x-www-form-urlencoded", Map.of(), "");

        assertTrue(signedOut.body().contains("j_security_check"), "sign-out ends on the sign-in page");
        assertEquals(403, refresh().statusCode());
    }

    @Test
    void aWrongPasswordSignsNobodyIn() throws Exception {
        signIn("demo", "wrong");

        assertEquals(403, refresh().statusCode());
    }

    @Test
    void aPostThatACrossSiteFormCouldSendIsForbiddenEvenWithASession() throws Exception {
        signIn("demo", "demo-password");

        String form = "application/x-www-form-urlencoded";
        assertEquals(403, post("centrifuge/refresh", form, Map.of(), "a=1").statusCode());
        assertEquals(403, post("centrifuge/refresh", "text/plain", Map.of(), "{}").statusCode());
        assertEquals(200, post("centrifuge/refresh", "text/plain",
                Map.of("X-Requested-With", "XMLHttpRequest"), "{}").statusCode());
        assertEquals(200, post("centrifuge/refresh", "application/json; charset=utf-8", Map.of(), "{}").statusCode());
    }
}
