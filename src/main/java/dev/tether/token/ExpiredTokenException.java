package dev.tether.token;

/** A correctly signed token whose {@code exp} has passed or whose {@code nbf} has not yet come. */
public class ExpiredTokenException extends Exception {

    public ExpiredTokenException(String message) {
        super(message);
    }
}
