package dev.tether.transport;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web origins may open connections ({@code allowed_origins}). Browsers always send an
 * {@code Origin} header with a WebSocket handshake; other clients (Node, mobile, servers) usually send
 * none, cannot be stopped by it anyway, and are let in. Origins compare without regard to letter case.
 */
final class OriginPolicy {

    private static final String ANY = "*";

    private final Set<String> allowed;

    /** A policy for these origins; an empty list, or one containing {@code *}, lets every origin in. */
    OriginPolicy(List<String> origins) {
        this.allowed = origins.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    boolean allows(String origin) {
        return allowed.isEmpty() || allowed.contains(ANY) || origin == null || origin.isEmpty()
                || allowed.contains(origin.toLowerCase(Locale.ROOT));
    }
}
