package dev.tether.config;

import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The options' values, read once when the application starts; a change takes effect on redeploy.
 *
 * @param hmacSecret             see {@link Option#TOKEN_HMAC_SECRET_KEY}
 * @param rsaPublicKey           see {@link Option#TOKEN_RSA_PUBLIC_KEY}
 * @param ecdsaPublicKey         see {@link Option#TOKEN_ECDSA_PUBLIC_KEY}
 * @param expiredCloseDelay      see {@link Option#CLIENT_EXPIRED_CLOSE_DELAY}
 * @param staleCloseDelay        see {@link Option#CLIENT_STALE_CLOSE_DELAY}
 * @param anonymous              see {@link Option#CLIENT_ANONYMOUS}
 * @param insecure               see {@link Option#CLIENT_INSECURE}
 * @param expiryScheduler        see {@link Option#EXPIRY_SCHEDULER}
 * @param allowedOrigins         see {@link Option#ALLOWED_ORIGINS}; empty when any origin may connect
 * @param messageSizeLimit       see {@link Option#WEBSOCKET_MESSAGE_SIZE_LIMIT}
 * @param connectionTokenTtl     see {@link Option#CONNECTION_TOKEN_TTL}
 * @param demoUser               see {@link Option#DEMO_USER}
 * @param demoPassword           see {@link Option#DEMO_PASSWORD}
 */
public record Settings(Optional<String> hmacSecret,
                       Optional<String> rsaPublicKey,
                       Optional<String> ecdsaPublicKey,
                       Duration expiredCloseDelay,
                       Duration staleCloseDelay,
                       boolean anonymous,
                       boolean insecure,
                       ExpiryScheduler expiryScheduler,
                       List<String> allowedOrigins,
                       int messageSizeLimit,
                       Duration connectionTokenTtl,
                       Optional<String> demoUser,
                       Optional<String> demoPassword) {

    public static Settings from(Config config) {
        return new Settings(
                text(config, Option.TOKEN_HMAC_SECRET_KEY),
                text(config, Option.TOKEN_RSA_PUBLIC_KEY),
                text(config, Option.TOKEN_ECDSA_PUBLIC_KEY),
                Duration.ofSeconds(whole(config, Option.CLIENT_EXPIRED_CLOSE_DELAY, 0)),
                Duration.ofSeconds(whole(config, Option.CLIENT_STALE_CLOSE_DELAY, 1)),
                flag(config, Option.CLIENT_ANONYMOUS),
                flag(config, Option.CLIENT_INSECURE),
                ExpiryScheduler.of(text(config, Option.EXPIRY_SCHEDULER).orElseThrow()),
                list(config, Option.ALLOWED_ORIGINS),
                whole(config, Option.WEBSOCKET_MESSAGE_SIZE_LIMIT, 1),
                Duration.ofSeconds(whole(config, Option.CONNECTION_TOKEN_TTL, 1)),
                text(config, Option.DEMO_USER),
                text(config, Option.DEMO_PASSWORD));
    }

    private static Optional<String> text(Config config, Option option) {
        return config.getOptionalValue(option.key(), String.class)
                .filter(value -> !value.isBlank())
                .or(() -> Optional.ofNullable(option.defaultValue()));
    }

    private static List<String> list(Config config, Option option) {
        return text(config, option)
                .map(value -> Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private static boolean flag(Config config, Option option) {
        return config.getOptionalValue(option.key(), Boolean.class)
                .orElseGet(() -> Boolean.parseBoolean(option.defaultValue()));
    }

    private static int whole(Config config, Option option, int minimum) {
        int value = config.getOptionalValue(option.key(), Integer.class)
                .orElseGet(() -> Integer.parseInt(option.defaultValue()));
        if (value < minimum) {
            throw new IllegalArgumentException(option.key() + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }
}
