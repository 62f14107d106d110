package dev.tether.application;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The application's HTTP endpoints live under {@code /centrifuge}, where centrifuge-js looks for them. */
@ApplicationPath("/centrifuge")
public class RestApplication extends Application {
}
