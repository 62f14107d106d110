package dev.tether.protocol;

import dev.tether.json.CachedJson;

import java.nio.charset.StandardCharsets;

/**
 * The catalogue of ways the server ends a connection, with the close codes, reason texts and reconnect
 * advice of Centrifugo v2 (centrifuge v0.14).
 *
 * <p>The close frame carries the code and, as its reason, a compact JSON object
 * {@code {"reason":"…","reconnect":…}}. centrifuge-js 2.8.5 ignores the code and acts on that JSON.
 */
public enum Disconnect {

    NORMAL(3000, "normal", true),
    SHUTDOWN(3001, "shutdown", true),
    INVALID_TOKEN(3002, "invalid token", false),
    BAD_REQUEST(3003, "bad request", false),
    INTERNAL_SERVER_ERROR(3004, "internal server error", true),
    EXPIRED(3005, "expired", true),
    SUBSCRIPTION_EXPIRED(3006, "subscription expired", true),
    STALE(3007, "stale", false),
    SLOW(3008, "slow", true),
    WRITE_ERROR(3009, "write error", true),
    INSUFFICIENT_STATE(3010, "insufficient state", true),
    FORCE_RECONNECT(3011, "force reconnect", true),
    FORCE_DISCONNECT(3012, "force disconnect", false),
    CONNECTION_LIMIT(3013, "connection limit", false);

    /** A close frame's payload is at most 125 bytes, two of which hold the code. */
    static final int MAX_CLOSE_REASON_BYTES = 123;

    private final int code;
    private final String reason;
    private final boolean reconnect;
    private final String closeReason;

    Disconnect(int code, String reason, boolean reconnect) {
        this.code = code;
        this.reason = reason;
        this.reconnect = reconnect;
        this.closeReason = CachedJson.object()
                .add("reason", reason)
                .add("reconnect", reconnect)
                .build()
                .toString();
        if (closeReason.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            throw new IllegalStateException("close reason too long for a close frame: " + closeReason);
        }
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public boolean reconnect() {
        return reconnect;
    }

    /** The close frame's reason text, e.g. {@code {"reason":"expired","reconnect":true}}. */
    public String closeReason() {
        return closeReason;
    }
}
