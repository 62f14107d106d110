package dev.tether.protocol;

import java.util.Locale;
import java.util.Optional;

/** Command methods of the v2 protocol, by their wire numbers. */
public enum Method {

    CONNECT,
    SUBSCRIBE,
    UNSUBSCRIBE,
    PUBLISH,
    PRESENCE,
    PRESENCE_STATS,
    HISTORY,
    PING,
    SEND,
    RPC,
    REFRESH,
    SUB_REFRESH;

    private static final Method[] BY_NUMBER = values();

    /** The wire number; the declaration order above is the protocol's numbering. */
    public int number() {
        return ordinal();
    }

    /** The method with this wire number, or empty for a number the protocol does not define. */
    public static Optional<Method> ofNumber(long number) {
        if (number < 0 || number >= BY_NUMBER.length) {
            return Optional.empty();
        }
        return Optional.of(BY_NUMBER[(int) number]);
    }

    /** The method named in any letter case, as the Go server also accepts ({@code "refresh"}). */
    static Optional<Method> ofName(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
