package org.p2gate.master.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.master.Channel;

class PublishCursorTest {

    @TempDir
    Path folder;

    @Test
    void anAdvanceIsOnDiskWhenItReturnsAndNoTemporaryFileStays() throws Exception {
        Path file = folder.resolve("mqtt/cursor.properties");
        PublishCursor cursor = PublishCursor.open(file);
        cursor.advance(Channel.of(2), Instant.parse("2024-03-01T10:00:00Z"));
        cursor.advance(Channel.of(1), Instant.parse("2024-03-01T09:00:00Z"));

        PublishCursor reopened = PublishCursor.open(file);
        assertEquals(Optional.of(Instant.parse("2024-03-01T10:00:00Z")), reopened.acknowledged(Channel.of(2)));
        assertEquals(Optional.of(Instant.parse("2024-03-01T09:00:00Z")), reopened.acknowledged(Channel.of(1)));
        assertEquals(Optional.empty(), reopened.acknowledged(Channel.of(3)));
        assertFalse(Files.exists(folder.resolve("mqtt/cursor.properties.tmp")));
    }

    @Test
    void theCursorNeverMovesBackwards() {
        PublishCursor cursor = PublishCursor.inMemory();
        cursor.advance(Channel.of(1), Instant.parse("2024-03-01T10:00:00Z"));
        cursor.advance(Channel.of(1), Instant.parse("2024-03-01T08:00:00Z"));
        assertEquals(Optional.of(Instant.parse("2024-03-01T10:00:00Z")), cursor.acknowledged(Channel.of(1)));
    }

    @Test
    void aCorruptFileStartsEmptyRatherThanFailing() throws Exception {
        Path file = folder.resolve("cursor.properties");
        Files.writeString(file, "channel.1=yesterday\n");
        PublishCursor cursor = PublishCursor.open(file);
        assertEquals(Optional.empty(), cursor.acknowledged(Channel.of(1)));
        // and it is written whole again by the next advance
        cursor.advance(Channel.of(1), Instant.parse("2024-03-01T10:00:00Z"));
        assertEquals(Optional.of(Instant.parse("2024-03-01T10:00:00Z")),
                PublishCursor.open(file).acknowledged(Channel.of(1)));
    }

    @Test
    void entriesOutsideChannels1To4AreRejectedWithTheirName() {
        CorruptCursorException e = assertThrows(CorruptCursorException.class,
                () -> PublishCursor.parse("channel.5=2024-03-01T10:00:00Z\n"));
        assertEquals("unknown key 'channel.5'", e.getMessage());
        assertThrows(CorruptCursorException.class, () -> PublishCursor.parse("hour=2024-03-01T10:00:00Z\n"));
    }

    @Test
    void aFolderThatCannotBeWrittenCountsAFailureAndKeepsTheCursorInMemory() throws Exception {
        Path file = folder.resolve("cursor.properties");
        Files.createDirectories(folder.resolve("cursor.properties.tmp")); // the temporary file cannot be created
        PublishCursor cursor = PublishCursor.open(file);
        cursor.advance(Channel.of(1), Instant.parse("2024-03-01T10:00:00Z"));
        assertEquals(1, cursor.writeFailures());
        assertEquals(Optional.of(Instant.parse("2024-03-01T10:00:00Z")), cursor.acknowledged(Channel.of(1)));
    }
}
