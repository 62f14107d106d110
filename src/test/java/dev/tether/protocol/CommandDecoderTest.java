package dev.tether.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandDecoderTest {

    @Test
    void aCommandWithoutMethodIsConnect() throws Exception {
        Command command = CommandDecoder.decode("{\"params\":{\"token\":\"T1\",\"name\":\"js\"},\"id\":1}").get(0);

        assertEquals(1, command.id());
        assertEquals(Method.CONNECT, command.method().orElseThrow());
        assertEquals("T1", command.params().getString("token"));
    }

    @Test
    void readsEveryLineOfABatchInOrderAndSkipsBlankLines() throws Exception {
        String frame = "{\"id\":1}\n\n{\"method\":7,\"id\":2}\r\n{\"method\":10,\"id\":3}\n";

        List<Command> commands = CommandDecoder.decode(frame);

        assertEquals(List.of(1L, 2L, 3L), commands.stream().map(Command::id).toList());
        assertEquals(Method.PING, commands.get(1).method().orElseThrow());
        assertEquals(Method.REFRESH, commands.get(2).method().orElseThrow());
    }

    @Test
    void acceptsMethodNamesInAnyCase() throws Exception {
        assertEquals(Method.REFRESH, methodOf("{\"method\":\"refresh\",\"id\":1}"));
        assertEquals(Method.PING, methodOf("{\"method\":\"PING\",\"id\":1}"));
    }

    private static Method methodOf(String frame) throws MalformedFrameException {
        return CommandDecoder.decode(frame).get(0).method().orElseThrow();
    }

    @Test
    void keepsAnUndefinedMethodNumberForAMethodNotFoundReply() throws Exception {
        Command command = CommandDecoder.decode("{\"method\":42,\"id\":5}").get(0);

        assertEquals(42, command.methodNumber());
        assertTrue(command.method().isEmpty());
    }

    @Test
    void missingIdAndParamsReadAsZeroAndEmpty() throws Exception {
        Command command = CommandDecoder.decode("{\"method\":7}").get(0);

        assertEquals(0, command.id());
        assertTrue(command.params().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "\n\n", "   ", "not json", "[1,2]", "\"text\"", "{\"id\":1", "{\"id\":1} trailing",
        "{\"id\":\"1\"}", "{\"id\":1.5}", "{\"id\":-1}", "{\"id\":4294967296}",
        "{\"method\":\"nonsense\",\"id\":1}", "{\"method\":-1,\"id\":1}", "{\"method\":true,\"id\":1}",
        "{\"params\":[],\"id\":1}", "{\"params\":\"x\",\"id\":1}",
        "{\"id\":1}\n{broken"
    })
    void refusesMalformedFrames(String frame) {
        assertThrows(MalformedFrameException.class, () -> CommandDecoder.decode(frame));
    }
}
