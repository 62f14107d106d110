package dev.tether.protocol;

/** A frame that is not a sequence of well-formed commands. The server answers it with {@code bad request}. */
public class MalformedFrameException extends Exception {

    public MalformedFrameException(String message) {
        super(message);
    }

    public MalformedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
