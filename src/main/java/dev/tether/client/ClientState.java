package dev.tether.client;

/** The life of a connection: it opens connecting, becomes connected once, and ends closed. */
public enum ClientState {
    CONNECTING,
    CONNECTED,
    CLOSED
}
