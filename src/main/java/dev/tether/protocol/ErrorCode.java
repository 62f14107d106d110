package dev.tether.protocol;

/**
 * The error replies of Centrifugo v2 (centrifuge v0.14): codes 100 to 111 with their exact messages.
 * An error reply answers one command and leaves the connection open.
 */
public enum ErrorCode {

    INTERNAL(100, "internal server error"),
    UNAUTHORIZED(101, "unauthorized"),
    UNKNOWN_CHANNEL(102, "unknown channel"),
    PERMISSION_DENIED(103, "permission denied"),
    METHOD_NOT_FOUND(104, "method not found"),
    ALREADY_SUBSCRIBED(105, "already subscribed"),
    LIMIT_EXCEEDED(106, "limit exceeded"),
    BAD_REQUEST(107, "bad request"),
    NOT_AVAILABLE(108, "not available"),
    TOKEN_EXPIRED(109, "token expired"),
    EXPIRED(110, "expired"),
    TOO_MANY_REQUESTS(111, "too many requests");

    private final int code;
    private final String message;

    ErrorCode(int code, String message) {
        this.code = code;
        this.message = message;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }
}
