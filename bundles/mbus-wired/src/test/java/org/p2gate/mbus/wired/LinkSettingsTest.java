package org.p2gate.mbus.wired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkSettingsTest {

    private final LinkSettings dsmr = LinkSettings.dsmr();

    @Test
    void dsmrIs2400BaudWithTwoRetries() {
        assertEquals(2400, dsmr.baud());
        assertEquals(2, dsmr.retries());
    }

    @Test
    void aCharacterIsElevenBitTimes() {
        // 8E1: 11 bits at 2400 baud = 4.583333… ms, rounded up to the nanosecond
        assertEquals(Duration.ofNanos(4_583_334), dsmr.transmissionTime(1));
        assertEquals(Duration.ofNanos(22_916_667), dsmr.transmissionTime(5));
    }

    @Test
    void theSlaveStartsBetween11BitTimesAnd330BitTimesPlus50Ms() {
        assertEquals(Duration.ofNanos(4_583_334), dsmr.earliestAnswerStart());
        assertEquals(Duration.ofMillis(137).plusNanos(500_000).plusMillis(50), dsmr.latestAnswerStart());
    }

    @Test
    void theMasterWaitsForTheFirstCharacterUntilLatestStartPlusOneCharacter() {
        assertEquals(Duration.ofNanos(142_083_334).plusMillis(50), dsmr.answerTimeout());
        assertEquals(Duration.ofNanos(35_520_834).plusMillis(50), dsmr.withBaud(9600).answerTimeout());
    }

    @Test
    void theInterByteLimitIsOneCharacterPlusTheTolerance() {
        assertEquals(Duration.ofNanos(4_583_334).plusMillis(3), dsmr.withInterByteTimeout(Duration.ofMillis(3)).interByteLimit());
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> dsmr.withBaud(110));
        assertThrows(IllegalArgumentException.class, () -> dsmr.withRetries(-1));
        assertThrows(IllegalArgumentException.class, () -> dsmr.withInterByteTimeout(Duration.ofMillis(-1)));
    }
}
