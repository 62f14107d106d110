package dev.tether.token;

/**
 * What a verified connection token grants.
 *
 * @param user            the {@code sub} claim; empty for an anonymous user
 * @param expiresAtMillis the {@code exp} claim in epoch milliseconds, or {@link #NEVER} when absent
 * @param info            the raw JSON of {@code info}, or the decoded bytes of {@code b64info}; null when neither
 */
public record ConnectionToken(String user, long expiresAtMillis, byte[] info) {

    public static final long NEVER = 0;

    public boolean expires() {
        return expiresAtMillis != NEVER;
    }
}
