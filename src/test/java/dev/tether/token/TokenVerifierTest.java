package dev.tether.token;

import dev.tether.testing.Tokens;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenVerifierTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final KeyPair RSA = Tokens.rsaKeyPair();
    private static final KeyPair EC256 = Tokens.ecKeyPair("secp256r1");

    private final TokenVerifier hmacOnly = Tokens.hmacVerifier();
    private final TokenVerifier all = TokenVerifier.of(
            Optional.of(Tokens.SECRET), Optional.of(Tokens.pem(RSA)), Optional.of(Tokens.pem(EC256)));

    private static String claims(String extra) {
        return "{\"sub\":\"alice\",\"exp\":" + (NOW / 1000 + 60) + extra + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void acceptsEachHmacAlgorithm(String algorithm) throws Exception {
        String token = Tokens.sign(algorithm, Tokens.hmacKey(Tokens.SECRET), claims(""));

        ConnectionToken verified = all.verify(token, NOW);

        assertEquals("alice", verified.user());
        assertEquals(NOW + 60_000, verified.expiresAtMillis());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512"})
    void acceptsEachRsaAlgorithmWithTheRsaKey(String algorithm) throws Exception {
        assertEquals("alice", all.verify(Tokens.sign(algorithm, RSA.getPrivate(), claims("")), NOW).user());
    }

    @Test
    void acceptsEcdsaOnTheKeysCurve() throws Exception {
        String algorithm = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
        String token = Tokens.sign(algorithm, EC256.getPrivate(), claims(""));

        assertEquals("alice", all.verify(token, NOW).user());
    }

    @Test
    void refusesAlgorithmsWhoseKeyIsNotConfigured() {
        String rsaToken = Tokens.sign("RS256", RSA.getPrivate(), claims(""));

        assertThrows(InvalidTokenException.class, () -> hmacOnly.verify(rsaToken, NOW));
    }

    @Test
    void refusesAnHmacTokenSignedWithThePublicKeyText() {
        String confused = Tokens.sign("HS256", Tokens.hmacKey(Tokens.pem(RSA)), claims(""));
        TokenVerifier rsaOnly = TokenVerifier.of(Optional.empty(), Optional.of(Tokens.pem(RSA)), Optional.empty());

        assertThrows(InvalidTokenException.class, () -> rsaOnly.verify(confused, NOW));
        assertThrows(InvalidTokenException.class, () -> all.verify(confused, NOW));
    }

    @Test
    void refusesAnUnsignedToken() {
        assertThrows(InvalidTokenException.class, () -> all.verify(Tokens.unsigned(claims("")), NOW));
    }

    @Test
    void refusesABadSignature() {
        String forged = Tokens.sign("HS256", Tokens.hmacKey("another-secret-of-thirty-two-bytes-at-least"), claims(""));

        assertThrows(InvalidTokenException.class, () -> all.verify(forged, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b.c", "a.b", "eyJhbGciOiJIUzI1NiJ9..", "x.y.z.w.v"})
    void refusesMalformedTokens(String token) {
        assertThrows(InvalidTokenException.class, () -> all.verify(token, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"sub\":42}", "{\"exp\":\"soon\"}", "{\"nbf\":true}", "{\"iat\":\"x\"}", "{\"jti\":1}",
        "{\"aud\":7}", "{\"channels\":\"news\"}", "{\"channels\":[1]}", "{\"b64info\":\"***\"}", "[1]"
    })
    void refusesClaimsOfTheWrongType(String claimsJson) {
        String token = Tokens.sign("HS256", Tokens.hmacKey(Tokens.SECRET), claimsJson);

        assertThrows(InvalidTokenException.class, () -> all.verify(token, NOW));
    }

    @Test
    void aTokenIsExpiredFromTheMomentOfItsExp() {
        String token = Tokens.hs256("{\"sub\":\"alice\",\"exp\":" + NOW / 1000 + "}");

        assertThrows(ExpiredTokenException.class, () -> all.verify(token, NOW));
    }

    @Test
    void aFractionalExpCountsToTheMillisecond() throws Exception {
        String token = Tokens.hs256("{\"sub\":\"alice\",\"exp\":" + NOW / 1000 + ".5}");

        assertEquals(NOW + 500, all.verify(token, NOW + 499).expiresAtMillis());
        assertThrows(ExpiredTokenException.class, () -> all.verify(token, NOW + 500));
    }

    @Test
    void aTokenBeforeItsNotBeforeTimeCountsAsExpired() {
        String token = Tokens.hs256(claims(",\"nbf\":" + (NOW / 1000 + 10)));

        assertThrows(ExpiredTokenException.class, () -> all.verify(token, NOW));
    }

    @Test
    void aBadSignatureWinsOverExpiry() {
        String token = Tokens.sign("HS256", Tokens.hmacKey("another-secret-of-thirty-two-bytes-at-least"),
                "{\"sub\":\"alice\",\"exp\":1}");

        assertThrows(InvalidTokenException.class, () -> all.verify(token, NOW));
    }

    @Test
    void withoutExpATokenNeverExpiresAndWithoutSubItIsAnonymous() throws Exception {
        ConnectionToken verified = all.verify(Tokens.hs256("{}"), NOW);

        assertEquals("", verified.user());
        assertFalse(verified.expires());
        assertNull(verified.info());
    }

    @Test
    void keepsInfoAndLetsB64infoReplaceIt() throws Exception {
        ConnectionToken withInfo = all.verify(Tokens.hs256(claims(",\"info\":{\"name\":\"Alice\"}")), NOW);
        ConnectionToken withBoth = all.verify(
                Tokens.hs256(claims(",\"info\":{\"a\":1},\"b64info\":\"" + Tokens.base64Url("raw") + "\"")), NOW);

        assertArrayEquals("{\"name\":\"Alice\"}".getBytes(StandardCharsets.UTF_8), withInfo.info());
        assertArrayEquals("raw".getBytes(StandardCharsets.UTF_8), withBoth.info());
    }

    @Test
    void readsAPublicKeyFromAPemWithEscapedNewlines() throws Exception {
        String oneLine = Tokens.pem(RSA).replace("\n", "\\n");
        TokenVerifier verifier = TokenVerifier.of(Optional.empty(), Optional.of(oneLine), Optional.empty());

        assertEquals("alice", verifier.verify(Tokens.sign("RS256", RSA.getPrivate(), claims("")), NOW).user());
    }

    @Test
    void aBrokenPemFailsAtStart() {
        assertThrows(IllegalArgumentException.class,
                () -> TokenVerifier.of(Optional.empty(), Optional.of("not a key"), Optional.empty()));
    }

    @Test
    void warnsAboutAMissingOrShortSecretOnly() {
        assertFalse(HmacSecrets.warning(Optional.empty()).isEmpty());
        assertFalse(HmacSecrets.warning(Optional.of("secret")).isEmpty());
        assertEquals(Optional.empty(), HmacSecrets.warning(Optional.of(Tokens.SECRET)));
    }
}
