package dev.tether.client;

import dev.tether.config.Settings;

/**
 * How the server treats connections, from the options.
 *
 * @param expiredCloseDelayMillis grace after {@code exp} before an unrefreshed connection is closed
 * @param staleCloseDelayMillis   time a new connection has to connect
 * @param anonymous               a connect without a token is accepted as the anonymous user
 * @param insecure                a connect without a token is accepted, and nothing expires
 * @param serverVersion           the {@code version} reported in connect and refresh results
 */
public record ConnectionRules(long expiredCloseDelayMillis,
                              long staleCloseDelayMillis,
                              boolean anonymous,
                              boolean insecure,
                              String serverVersion) {

    public static ConnectionRules from(Settings settings, String serverVersion) {
        return new ConnectionRules(
                settings.expiredCloseDelay().toMillis(),
                settings.staleCloseDelay().toMillis(),
                settings.anonymous(),
                settings.insecure(),
                serverVersion);
    }
}
