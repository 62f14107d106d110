package dev.tether.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Reads the options once, from the server's MicroProfile Config, for the application's lifetime. */
@ApplicationScoped
public class SettingsProducer {

    @Inject
    Config config;

    @Produces
    @Singleton
    Settings settings() {
        return Settings.from(config);
    }
}
