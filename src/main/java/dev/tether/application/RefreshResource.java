package dev.tether.application;

import jakarta.inject.Inject;
import dev.tether.json.CachedJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.security.Principal;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /centrifuge/refresh}: a fresh connection token for the user signed in to this HTTP session,
 * as centrifuge-js asks for it when a connection's {@code ttl} runs out.
 *
 * <p>403 means "do not refresh": no signed-in session, or a request a cross-site form could have sent.
 * The server then closes the connection once its grace period passes.
 */
@Path("/refresh")
public class RefreshResource {

    private static final Logger LOG = Logger.getLogger(RefreshResource.class.getName());

    @Inject
    TokenIssuer issuer;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response refresh(@Context HttpServletRequest request) {
        if (!CrossSiteRequests.isScripted(request)) {
            LOG.log(Level.FINE, "refresh refused: not a scripted request");
            return NoStore.forbidden();
        }
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return NoStore.forbidden();
        }
        Optional<String> token = issuer.issue(principal.getName());
        if (token.isEmpty()) {
            LOG.log(Level.WARNING, "refresh refused for {0}: no token_hmac_secret_key to sign with",
                    principal.getName());
            return NoStore.forbidden();
        }
        return NoStore.ok(CachedJson.object().add("token", token.get()).build().toString());
    }
}
