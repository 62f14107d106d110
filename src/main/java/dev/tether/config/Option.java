package dev.tether.config;

/**
 * Every configuration option, under Centrifugo's names, with its unit and default. Values come from
 * MicroProfile Config, so a system property {@code -Dclient_expired_close_delay=5}, an environment
 * variable {@code CLIENT_EXPIRED_CLOSE_DELAY=5} or a config source of the server all set this option.
 * The README's option table lists the same entries.
 */
public enum Option {

    TOKEN_HMAC_SECRET_KEY("token_hmac_secret_key", "text", null,
            "HMAC secret: enables HS256/384/512 tokens and lets the refresh endpoint issue tokens"),
    TOKEN_RSA_PUBLIC_KEY("token_rsa_public_key", "PEM", null,
            "RSA public key (or certificate): enables RS256/384/512 tokens"),
    TOKEN_ECDSA_PUBLIC_KEY("token_ecdsa_public_key", "PEM", null,
            "ECDSA public key (or certificate): enables ES256/384/512 tokens"),
    CLIENT_EXPIRED_CLOSE_DELAY("client_expired_close_delay", "s", "25",
            "grace after a token's exp before an unrefreshed connection is closed with 3005 expired"),
    CLIENT_STALE_CLOSE_DELAY("client_stale_close_delay", "s", "25",
            "time a new connection has to connect before it is closed with 3007 stale"),
    CLIENT_ANONYMOUS("client_anonymous", "boolean", "false",
            "lets a connect without a token in, as the anonymous user \"\""),
    CLIENT_INSECURE("client_insecure", "boolean", "false",
            "lets a connect without a token in, and no connection expires (development only)"),
    EXPIRY_SCHEDULER("expiry_scheduler", "queue or per-connection", "queue",
            "how deadlines are enforced: one EJB timer over a deadline queue, or one EJB timer per connection"),
    ALLOWED_ORIGINS("allowed_origins", "list", null,
            "comma-separated origins (scheme://host[:port]) whose pages may connect; unset lets any in"),
    WEBSOCKET_MESSAGE_SIZE_LIMIT("websocket_message_size_limit", "bytes", "65536",
            "largest incoming WebSocket message; a larger one closes the connection with 1009"),
    CONNECTION_TOKEN_TTL("connection_token_ttl", "s", "600",
            "lifetime of the tokens the refresh endpoint issues"),
    DEMO_USER("demo_user", "text", null,
            "name of the built-in demo user; the demo sign-in is off unless demo_password is set too"),
    DEMO_PASSWORD("demo_password", "text", null,
            "password of the built-in demo user");

    private final String key;
    private final String unit;
    private final String defaultValue;
    private final String description;

    Option(String key, String unit, String defaultValue, String description) {
        this.key = key;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The MicroProfile Config property name, as in Centrifugo's configuration file. */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    /** The default as text, or null when the option is unset by default. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
