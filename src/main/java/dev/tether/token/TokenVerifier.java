package dev.tether.token;

import dev.tether.json.CachedJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies connection tokens as Centrifugo v2 does: a JWS signed with HMAC, RSA or ECDSA, whose claims
 * are {@code sub}, {@code exp}, {@code nbf}, {@code info}, {@code b64info} and {@code channels}.
 *
 * <p>Each algorithm is bound to exactly one configured key of its own family: HS* to the HMAC secret,
 * RS* to the RSA public key, ES* to the ECDSA public key. A token's {@code alg} only selects among
 * those keys, so {@code none}, an algorithm without a configured key, and an HS token signed with the
 * text of a public key are all refused before any signature check.
 *
 * <p>Time claims are compared with no leeway: a token is current while {@code nbf < now < exp}.
 * Instances are immutable and safe to share between threads.
 */
public final class TokenVerifier {

    private static final Set<String> HMAC = Set.of(
            AlgorithmIdentifiers.HMAC_SHA256, AlgorithmIdentifiers.HMAC_SHA384, AlgorithmIdentifiers.HMAC_SHA512);
    private static final Set<String> RSA = Set.of(
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512);
    private static final Set<String> ECDSA = Set.of(
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512);

    private final Map<String, Key> keyByAlgorithm;

    private TokenVerifier(Map<String, Key> keyByAlgorithm) {
        this.keyByAlgorithm = Map.copyOf(keyByAlgorithm);
    }

    /**
     * A verifier that accepts the algorithms of the keys given; each argument may be empty.
     *
     * @throws IllegalArgumentException if a PEM text is not a public key of its family
     */
    public static TokenVerifier of(Optional<String> hmacSecret, Optional<String> rsaPublicKeyPem,
                                   Optional<String> ecdsaPublicKeyPem) {
        Map<String, Key> keys = new HashMap<>();
        hmacSecret.map(secret -> new HmacKey(secret.getBytes(StandardCharsets.UTF_8)))
                .ifPresent(key -> HMAC.forEach(alg -> keys.put(alg, key)));
        rsaPublicKeyPem.map(pem -> PublicKeys.fromPem(pem, "RSA"))
                .map(key -> (RSAPublicKey) key)
                .ifPresent(key -> RSA.forEach(alg -> keys.put(alg, key)));
        ecdsaPublicKeyPem.map(pem -> PublicKeys.fromPem(pem, "EC"))
                .map(key -> (ECPublicKey) key)
                .ifPresent(key -> ECDSA.forEach(alg -> keys.put(alg, key)));
        return new TokenVerifier(keys);
    }

    /** The algorithms this verifier accepts, for the start-up log. */
    public Set<String> acceptedAlgorithms() {
        return keyByAlgorithm.keySet();
    }

    public ConnectionToken verify(String token, long nowMillis) throws InvalidTokenException, ExpiredTokenException {
        JsonObject claims = verifiedClaims(token);
        String user = optionalString(claims, "sub").orElse("");
        long expiresAt = optionalMillis(claims, "exp");
        long notBefore = optionalMillis(claims, "nbf");
        byte[] info = info(claims);
        checkOtherClaimTypes(claims);

        if (expiresAt != ConnectionToken.NEVER && expiresAt <= nowMillis) {
            throw new ExpiredTokenException("token expired");
        }
        if (claims.containsKey("nbf") && notBefore >= nowMillis) {
            throw new ExpiredTokenException("token not valid yet");
        }
        return new ConnectionToken(user, expiresAt, info);
    }

    private JsonObject verifiedClaims(String token) throws InvalidTokenException {
        String payload;
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            String algorithm = jws.getAlgorithmHeaderValue();
            Key key = algorithm == null ? null : keyByAlgorithm.get(algorithm);
            if (key == null) {
                throw new InvalidTokenException("algorithm not accepted: " + algorithm);
            }
            jws.setAlgorithmConstraints(
                    new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm));
            jws.setKey(key);
            // Centrifugo accepts HMAC secrets of any length; a short one is warned about at start instead.
            jws.setDoKeyValidation(!HMAC.contains(algorithm));
            if (!jws.verifySignature()) {
                throw new InvalidTokenException("bad signature");
            }
            payload = jws.getPayload();
        } catch (JoseException e) {
            throw new InvalidTokenException("not a verifiable JWS", e);
        }
        try {
            return CachedJson.readObject(payload);
        } catch (JsonException e) {
            throw new InvalidTokenException("claims are not a JSON object", e);
        }
    }

    private static Optional<String> optionalString(JsonObject claims, String name) throws InvalidTokenException {
        JsonValue value = claims.get(name);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString string) {
            return Optional.of(string.getString());
        }
        throw new InvalidTokenException("claim " + name + " is not a string");
    }

    /** A NumericDate claim (seconds, possibly fractional) in epoch milliseconds; 0 when absent. */
    private static long optionalMillis(JsonObject claims, String name) throws InvalidTokenException {
        JsonValue value = claims.get(name);
        if (value == null || value == JsonValue.NULL) {
            return 0;
        }
        if (!(value instanceof JsonNumber number)) {
            throw new InvalidTokenException("claim " + name + " is not a number");
        }
        try {
            return number.bigDecimalValue().multiply(BigDecimal.valueOf(1000)).longValue();
        } catch (ArithmeticException e) {
            throw new InvalidTokenException("claim " + name + " is out of range", e);
        }
    }

    private static byte[] info(JsonObject claims) throws InvalidTokenException {
        Optional<String> b64info = optionalString(claims, "b64info");
        if (b64info.isPresent() && !b64info.get().isEmpty()) {
            try {
                return Base64.getDecoder().decode(b64info.get());
            } catch (IllegalArgumentException e) {
                throw new InvalidTokenException("claim b64info is not base64", e);
            }
        }
        JsonValue info = claims.get("info");
        return info == null || info == JsonValue.NULL ? null : info.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Claims Centrifugo v2 decodes but does not act on: a wrong type still makes the token invalid. */
    private static void checkOtherClaimTypes(JsonObject claims) throws InvalidTokenException {
        optionalMillis(claims, "iat");
        optionalString(claims, "iss");
        optionalString(claims, "jti");
        checkStringOrStrings(claims, "aud");
        checkStrings(claims, "channels");
    }

    private static void checkStringOrStrings(JsonObject claims, String name) throws InvalidTokenException {
        if (!(claims.get(name) instanceof JsonString)) {
            checkStrings(claims, name);
        }
    }

    private static void checkStrings(JsonObject claims, String name) throws InvalidTokenException {
        JsonValue value = claims.get(name);
        if (value == null || value == JsonValue.NULL) {
            return;
        }
        if (value instanceof JsonArray array && array.stream().allMatch(JsonString.class::isInstance)) {
            return;
        }
        throw new InvalidTokenException("claim " + name + " is not a list of strings");
    }
}
