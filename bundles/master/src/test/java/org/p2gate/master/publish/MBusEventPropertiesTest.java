package org.p2gate.master.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.p2gate.master.Channel;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MBusEventKind;

class MBusEventPropertiesTest {

    /** The properties as the master's EventAdminSink posts them. */
    private static Map<String, Object> posted(MBusEvent event) {
        return new HashMap<>(Map.of("code", event.code(), "channel", event.channel().number(), "kind",
                event.kind().name(), "time", event.time().toString()));
    }

    @Test
    void eventPostedByTheMasterIsReadBackUnchanged() throws MalformedEventException {
        MBusEvent event = new MBusEvent(Instant.parse("2024-03-01T10:29:13Z"), Channel.of(4),
                MBusEventKind.NEW_DEVICE_DISCOVERED);
        assertEquals(event, MBusEventProperties.parse(posted(event)::get));
    }

    @Test
    void channelOutside1To4IsRejectedWithReason() {
        Map<String, Object> props = posted(new MBusEvent(Instant.EPOCH, Channel.of(1), MBusEventKind.CLOCK_ADJUSTED));
        props.put("channel", 5);
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> MBusEventProperties.parse(props::get));
        assertTrue(e.getMessage().contains("'channel'"), e.getMessage());
    }

    @Test
    void unknownKindIsRejectedWithReason() {
        Map<String, Object> props = posted(new MBusEvent(Instant.EPOCH, Channel.of(1), MBusEventKind.CLOCK_ADJUSTED));
        props.put("kind", "EXPLODED");
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> MBusEventProperties.parse(props::get));
        assertTrue(e.getMessage().contains("EXPLODED"), e.getMessage());
    }

    @Test
    void codeThatContradictsChannelAndKindIsRejected() {
        Map<String, Object> props = posted(new MBusEvent(Instant.EPOCH, Channel.of(2), MBusEventKind.CLOCK_ADJUSTED));
        props.put("code", 104);
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> MBusEventProperties.parse(props::get));
        assertTrue(e.getMessage().contains("114"), e.getMessage());
    }

    @Test
    void missingTimeIsRejected() {
        Map<String, Object> props = posted(new MBusEvent(Instant.EPOCH, Channel.of(1), MBusEventKind.CLOCK_ADJUSTED));
        props.remove("time");
        assertThrows(MalformedEventException.class, () -> MBusEventProperties.parse(props::get));
    }
}
