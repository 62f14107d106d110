package dev.tether.protocol;

import jakarta.json.JsonObject;

import java.util.Optional;

/**
 * One client command: {@code {"id":…,"method":…,"params":{…}}}.
 *
 * @param id          the client's command id, echoed in the reply; 0 when absent
 * @param methodNumber the wire number of the method; 0 (connect) when absent
 * @param params      the parameters; an empty object when absent
 */
public record Command(long id, long methodNumber, JsonObject params) {

    /** The method, or empty when the number is not one the protocol defines. */
    public Optional<Method> method() {
        return Method.ofNumber(methodNumber);
    }
}
