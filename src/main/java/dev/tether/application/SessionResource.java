package dev.tether.application;

import dev.tether.config.Settings;
import jakarta.inject.Inject;
import dev.tether.json.CachedJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.security.Principal;

/**
 * {@code GET /centrifuge/session}: who is signed in to this HTTP session, and the grace period the server
 * gives an expired connection, so that a page can show when its connection would be closed. 403 without
 * a signed-in session.
 */
@Path("/session")
public class SessionResource {

    @Inject
    Settings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response session(@Context HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return NoStore.forbidden();
        }
        return NoStore.ok(CachedJson.object()
                .add("user", principal.getName())
                .add("client_expired_close_delay", settings.expiredCloseDelay().toSeconds())
                .build()
                .toString());
    }
}
