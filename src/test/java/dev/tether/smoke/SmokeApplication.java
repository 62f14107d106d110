package dev.tether.smoke;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS activation for the WAR deployed by {@code dev.tether.EmbeddedContainerSmokeIT}. */
@ApplicationPath("/")
public class SmokeApplication extends Application {
}
