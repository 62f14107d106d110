package dev.tether.protocol;

import dev.tether.json.CachedJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Builds the server's replies. Each reply is one JSON object followed by {@code \n}, so that several
 * replies can share a frame and the client can split them.
 */
public final class Replies {

    private Replies() {
    }

    /** A reply carrying a result; an empty result is left out, as the Go server's {@code omitempty} does. */
    public static String result(long id, JsonObject result) {
        JsonObjectBuilder reply = CachedJson.object().add("id", id);
        if (!result.isEmpty()) {
            reply.add("result", result);
        }
        return reply.build() + "\n";
    }

    /** A reply with no result, such as the answer to a ping. */
    public static String empty(long id) {
        return result(id, JsonObject.EMPTY_JSON_OBJECT);
    }

    public static String error(long id, ErrorCode error) {
        JsonObject body = CachedJson.object()
                .add("code", error.code())
                .add("message", error.message())
                .build();
        return CachedJson.object().add("id", id).add("error", body).build() + "\n";
    }
}
