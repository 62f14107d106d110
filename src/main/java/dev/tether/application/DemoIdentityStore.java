package dev.tether.application;

import dev.tether.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The demo user of the one-command run: {@code demo_user} with {@code demo_password}. With either option
 * unset it knows nobody, so a deployment that configures neither has no built-in account.
 */
@ApplicationScoped
public class DemoIdentityStore implements IdentityStore {

    static final String GROUP = "user";

    @Inject
    Settings settings;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Optional<String> user = settings.demoUser();
        Optional<String> password = settings.demoPassword();
        if (user.isEmpty() || password.isEmpty() || !user.get().equals(credential.getCaller())) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        if (!sameText(password.get(), credential.getPasswordAsString())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(user.get(), Set.of(GROUP));
    }

    /** Compares in time independent of where the texts differ. */
    private static boolean sameText(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
