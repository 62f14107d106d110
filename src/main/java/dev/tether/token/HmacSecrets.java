package dev.tether.token;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Judges the configured HMAC secret, so that a weak one is reported at start rather than trusted silently. */
public final class HmacSecrets {

    /** RFC 7518 asks for a key at least as long as the hash: 32 bytes for HS256. */
    static final int MIN_BYTES = 32;

    private HmacSecrets() {
    }

    /** A warning for the log when the secret is missing or too short, or empty when it is fine. */
    public static Optional<String> warning(Optional<String> secret) {
        if (secret.isEmpty()) {
            return Optional.of("token_hmac_secret_key is not set: HS256/384/512 tokens are refused"
                    + " and the refresh endpoint cannot issue tokens");
        }
        int bytes = secret.get().getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            return Optional.of("token_hmac_secret_key has " + bytes + " bytes, fewer than " + MIN_BYTES
                    + ": tokens signed with it can be forged by guessing it; use 32 or more random bytes");
        }
        return Optional.empty();
    }
}
