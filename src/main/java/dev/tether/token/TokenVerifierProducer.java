package dev.tether.token;

import dev.tether.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Builds the token verifier from the configured keys, and says at start which algorithms it accepts. */
@ApplicationScoped
public class TokenVerifierProducer {

    private static final Logger LOG = Logger.getLogger(TokenVerifierProducer.class.getName());

    @Produces
    @Singleton
    TokenVerifier verifier(Settings settings) {
        return TokenVerifier.of(settings.hmacSecret(), settings.rsaPublicKey(), settings.ecdsaPublicKey());
    }

    void reportAtStart(@Observes @Initialized(ApplicationScoped.class) Object started,
                       Settings settings, TokenVerifier verifier) {
        HmacSecrets.warning(settings.hmacSecret()).ifPresent(LOG::warning);
        if (verifier.acceptedAlgorithms().isEmpty()) {
            LOG.warning("no token key is configured: every connection token will be refused as invalid");
        } else {
            LOG.log(Level.INFO, "accepting connection tokens signed with {0}",
                    new TreeSet<>(verifier.acceptedAlgorithms()));
        }
    }
}
