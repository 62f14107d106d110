package dev.tether.transport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginPolicyTest {

    @Test
    void withoutAListEveryOriginConnects() {
        assertTrue(new OriginPolicy(List.of()).allows("https://anywhere.example"));
        assertTrue(new OriginPolicy(List.of("*")).allows("https://anywhere.example"));
    }

    @Test
    void withAListOnlyItsOriginsConnectIgnoringCase() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example", "http://localhost:8000"));

        assertTrue(policy.allows("https://APP.example"));
        assertTrue(policy.allows("http://localhost:8000"));
        assertFalse(policy.allows("https://evil.example"));
        assertFalse(policy.allows("http://localhost:9000"));
        assertFalse(policy.allows("https://app.example.evil.example"));
    }

    @Test
    void clientsThatSendNoOriginAreNotBrowsersAndConnect() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example"));

        assertTrue(policy.allows(null));
        assertTrue(policy.allows(""));
    }
}
