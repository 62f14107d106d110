package dev.tether.testing;

import dev.tether.token.TokenVerifier;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Optional;

/** Mints test tokens, well-formed or deliberately not. */
public final class Tokens {

    public static final String SECRET = "a-test-secret-of-thirty-two-bytes-or-more";

    private Tokens() {
    }

    /** Claims for a user whose token expires {@code seconds} from now (negative: already expired). */
    public static String claims(String user, long secondsFromNow) {
        long exp = System.currentTimeMillis() / 1000 + secondsFromNow;
        return "{\"sub\":\"" + user + "\",\"exp\":" + exp + "}";
    }

    public static String hs256(String claimsJson) {
        return sign(AlgorithmIdentifiers.HMAC_SHA256, hmacKey(SECRET), claimsJson);
    }

    public static String hs256(String user, long secondsFromNow) {
        return hs256(claims(user, secondsFromNow));
    }

    /** An HS256 token for the user whose exp is the given epoch millisecond (a fractional NumericDate). */
    public static String hs256ExpiringAt(String user, long expMillis) {
        String exp = BigDecimal.valueOf(expMillis, 3).toPlainString();
        return hs256("{\"sub\":\"" + user + "\",\"exp\":" + exp + "}");
    }

    /** A verifier that knows the test secret only. */
    public static TokenVerifier hmacVerifier() {
        return TokenVerifier.of(Optional.of(SECRET), Optional.empty(), Optional.empty());
    }

    public static HmacKey hmacKey(String secret) {
        return new HmacKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    public static String sign(String algorithm, Key key, String claimsJson) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claimsJson);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token: {@code alg: none}, empty signature. */
    public static String unsigned(String claimsJson) {
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(claimsJson) + ".";
    }

    public static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as a PEM {@code PUBLIC KEY} block. */
    public static String pem(KeyPair pair) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
