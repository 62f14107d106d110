package dev.tether.protocol;

import dev.tether.json.CachedJson;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the commands of one WebSocket text frame.
 *
 * <p>A frame holds one command per line, as centrifuge-js writes them ({@code JSON.stringify} of each,
 * joined by {@code \n}); blank lines are skipped. Centrifugo's Go decoder also accepts a JSON object
 * spread over several lines; no client sends that, and this decoder refuses it as malformed.
 */
public final class CommandDecoder {

    /** Command ids are uint32 on the wire. */
    private static final long MAX_ID = 0xFFFF_FFFFL;

    private CommandDecoder() {
    }

    /** The commands in the frame, in order; never empty. */
    public static List<Command> decode(String frame) throws MalformedFrameException {
        List<Command> commands = new ArrayList<>();
        for (String line : frame.split("\n", -1)) {
            if (!line.isBlank()) {
                commands.add(decodeCommand(line));
            }
        }
        if (commands.isEmpty()) {
            throw new MalformedFrameException("empty frame");
        }
        return commands;
    }

    private static Command decodeCommand(String line) throws MalformedFrameException {
        JsonObject object = parseObject(line);
        long id = readId(object.get("id"));
        long method = readMethod(object.get("method"));
        JsonObject params = readParams(object.get("params"));
        return new Command(id, method, params);
    }

    /** The line's one JSON object; anything after it, even another value, makes the line malformed. */
    private static JsonObject parseObject(String line) throws MalformedFrameException {
        try {
            return CachedJson.readObject(line);
        } catch (JsonException e) {
            throw new MalformedFrameException("not one JSON object", e);
        }
    }

    private static long readId(JsonValue value) throws MalformedFrameException {
        if (value == null || value == JsonValue.NULL) {
            return 0;
        }
        long id = readWholeNumber(value, "id");
        if (id < 0 || id > MAX_ID) {
            throw new MalformedFrameException("id out of range");
        }
        return id;
    }

    private static long readMethod(JsonValue value) throws MalformedFrameException {
        if (value == null || value == JsonValue.NULL) {
            return Method.CONNECT.number();
        }
        if (value instanceof JsonString name) {
            return Method.ofName(name.getString())
                    .orElseThrow(() -> new MalformedFrameException("unknown method name"))
                    .number();
        }
        long number = readWholeNumber(value, "method");
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw new MalformedFrameException("method out of range");
        }
        return number;
    }

    private static JsonObject readParams(JsonValue value) throws MalformedFrameException {
        if (value == null || value == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (value instanceof JsonObject params) {
            return params;
        }
        throw new MalformedFrameException("params is not an object");
    }

    private static long readWholeNumber(JsonValue value, String field) throws MalformedFrameException {
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new MalformedFrameException(field + " is not a whole number");
        }
        try {
            return number.bigIntegerValueExact().longValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new MalformedFrameException(field + " out of range", tooLarge);
        }
    }
}
