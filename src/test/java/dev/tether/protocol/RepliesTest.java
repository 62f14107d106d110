package dev.tether.protocol;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepliesTest {

    @Test
    void aResultReplyEchoesTheIdAndEndsWithNewline() {
        String reply = Replies.result(3, Json.createObjectBuilder().add("client", "c").build());

        assertEquals("{\"id\":3,\"result\":{\"client\":\"c\"}}\n", reply);
    }

    @Test
    void anEmptyResultIsLeftOut() {
        assertEquals("{\"id\":7}\n", Replies.empty(7));
    }

    @Test
    void anErrorReplyCarriesCodeAndMessage() {
        assertEquals("{\"id\":5,\"error\":{\"code\":109,\"message\":\"token expired\"}}\n",
                Replies.error(5, ErrorCode.TOKEN_EXPIRED));
    }

    @Test
    void closeReasonsAreCompactJsonThatFitsACloseFrame() {
        assertEquals("{\"reason\":\"expired\",\"reconnect\":true}", Disconnect.EXPIRED.closeReason());
        assertEquals("{\"reason\":\"invalid token\",\"reconnect\":false}", Disconnect.INVALID_TOKEN.closeReason());
        for (Disconnect disconnect : Disconnect.values()) {
            int bytes = disconnect.closeReason().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= Disconnect.MAX_CLOSE_REASON_BYTES, disconnect + " has " + bytes + " bytes");
        }
    }

    @Test
    void theCatalogueHasCentrifugosCodes() {
        assertEquals(3005, Disconnect.EXPIRED.code());
        assertEquals(3007, Disconnect.STALE.code());
        assertEquals(3013, Disconnect.CONNECTION_LIMIT.code());
        assertEquals(100, ErrorCode.INTERNAL.code());
        assertEquals(111, ErrorCode.TOO_MANY_REQUESTS.code());
    }
}
