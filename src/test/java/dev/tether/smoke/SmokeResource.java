package dev.tether.smoke;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The one resource of the WAR deployed by {@code dev.tether.EmbeddedContainerSmokeIT}. */
@Path(SmokeResource.PATH)
public class SmokeResource {

    public static final String PATH = "smoke";
    public static final String BODY = "tether-smoke-ok";

    @Inject
    SmokeBean bean;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String get() {
        return bean.body();
    }
}
