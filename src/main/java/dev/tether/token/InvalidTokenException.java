package dev.tether.token;

/**
 * A token that cannot be trusted: unparsable, badly signed, of a refused algorithm, or with a claim of the
 * wrong type.
 */
public class InvalidTokenException extends Exception {

    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
