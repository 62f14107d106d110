package dev.tether.client;

import dev.tether.protocol.Disconnect;

/** A command that ends its connection; the detail is for the log, never for the client. */
final class ClientDisconnect extends Exception {

    private final Disconnect disconnect;

    ClientDisconnect(Disconnect disconnect, String detail) {
        super(detail, null, false, false);
        this.disconnect = disconnect;
    }

    Disconnect disconnect() {
        return disconnect;
    }
}
