package dev.tether.client;

import dev.tether.protocol.Disconnect;

/** The socket under a client, as the client sees it. */
public interface ClientTransport {

    /** Writes one frame holding one or more newline-terminated replies. */
    void send(String frame);

    /** Closes the socket with the disconnect's code and reason. The client calls this at most once. */
    void close(Disconnect disconnect);
}
