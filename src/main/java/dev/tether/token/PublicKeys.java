package dev.tether.token;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads the PEM public keys of the {@code token_rsa_public_key} and {@code token_ecdsa_public_key} options. */
final class PublicKeys {

    private PublicKeys() {
    }

    /**
     * A public key from a PEM {@code PUBLIC KEY} block or a PEM certificate. Environment variables often
     * carry the PEM on one line with literal {@code \n} sequences; those are read as line breaks.
     */
    static PublicKey fromPem(String pem, String keyAlgorithm) {
        String text = pem.replace("\\n", "\n").strip();
        try {
            if (text.contains("BEGIN CERTIFICATE")) {
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(text.getBytes()))
                        .getPublicKey();
            }
            byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance(keyAlgorithm).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PEM " + keyAlgorithm + " public key or certificate", e);
        }
    }
}
