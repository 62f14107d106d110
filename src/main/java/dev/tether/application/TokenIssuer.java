package dev.tether.application;

import dev.tether.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Issues connection tokens for signed-in users: HS256 with {@code token_hmac_secret_key}. */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    Settings settings;

    /** A token for the user that expires {@code connection_token_ttl} from now; empty without an HMAC secret. */
    public Optional<String> issue(String user) {
        return settings.hmacSecret().map(secret -> sign(user, secret));
    }

    private String sign(String user, String secret) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(user);
        claims.setIssuedAtToNow();
        NumericDate expiration = NumericDate.now();
        expiration.addSeconds(settings.connectionTokenTtl().toSeconds());
        claims.setExpirationTime(expiration);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing a connection token failed", e);
        }
    }
}
