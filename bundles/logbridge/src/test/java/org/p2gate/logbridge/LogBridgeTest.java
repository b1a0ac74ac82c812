package org.p2gate.logbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.LoggerFactory;

class LogBridgeTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final ch.qos.logback.classic.Logger root =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLog() {
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void releaseLog() {
        root.detachAppender(appender);
    }

    @Test
    void entriesAtOrAboveTheThresholdReachSlf4jUnderTheBundleName() {
        var reader = new FakeReader(List.of());
        new LogBridge(reader, config(LogBridgeConfig.Level.WARN));
        var failure = new IllegalStateException("boom");

        reader.publish(entry(1, LogLevel.ERROR, "org.apache.felix.scr", "component failed", failure));
        reader.publish(entry(2, LogLevel.WARN, "org.apache.felix.configadmin", "odd config", null));
        reader.publish(entry(3, LogLevel.INFO, "org.apache.felix.scr", "just info", null));

        assertEquals(List.of("ERROR org.apache.felix.scr component failed", "WARN org.apache.felix.configadmin odd config"),
                lines());
        assertSame(failure, ((ch.qos.logback.classic.spi.ThrowableProxy) appender.list.get(0).getThrowableProxy()).getThrowable());
    }

    @Test
    void frameworkEntriesAreLoggedAsOsgi() {
        var reader = new FakeReader(List.of());
        new LogBridge(reader, config(LogBridgeConfig.Level.ERROR));

        reader.publish(entry(1, LogLevel.ERROR, "org.apache.felix.framework", "FrameworkEvent ERROR", null, 0));

        assertEquals(List.of("ERROR osgi FrameworkEvent ERROR"), lines());
    }

    @Test
    void historyIsForwardedOnceOldestFirst() {
        // LogReaderService.getLog() lists the newest entry first
        var reader = new FakeReader(List.of(
                entry(2, LogLevel.ERROR, "b", "second", null),
                entry(1, LogLevel.ERROR, "a", "first", null)));

        new LogBridge(reader, config(LogBridgeConfig.Level.ERROR));
        reader.publish(entry(3, LogLevel.ERROR, "c", "third", null));

        assertEquals(List.of("ERROR a first", "ERROR b second", "ERROR c third"), lines());
    }

    @Test
    void anEntryDeliveredLiveAndInTheHistoryIsForwardedOnce() {
        var raced = entry(1, LogLevel.ERROR, "a", "raced", null);
        var reader = new FakeReader(List.of(raced)) {
            @Override
            public java.util.Enumeration<LogEntry> getLog() {
                publish(raced); // the live delivery arrives while the history is read
                return super.getLog();
            }
        };

        new LogBridge(reader, config(LogBridgeConfig.Level.ERROR));

        assertEquals(List.of("ERROR a raced"), lines());
    }

    @Test
    void modifiedConfigurationChangesTheThreshold() {
        var reader = new FakeReader(List.of());
        var bridge = new LogBridge(reader, config(LogBridgeConfig.Level.ERROR));
        reader.publish(entry(1, LogLevel.INFO, "a", "hidden", null));

        bridge.modified(config(LogBridgeConfig.Level.INFO));
        reader.publish(entry(2, LogLevel.INFO, "a", "shown", null));

        assertEquals(List.of("INFO a shown"), lines());
    }

    @Test
    void deactivationStopsForwarding() {
        var reader = new FakeReader(List.of());
        var bridge = new LogBridge(reader, config(LogBridgeConfig.Level.ERROR));

        bridge.deactivate();

        assertEquals(0, reader.listeners.size());
    }

    private List<String> lines() {
        var lines = new ArrayList<String>();
        for (ILoggingEvent event : appender.list) {
            lines.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage());
        }
        return lines;
    }

    private static LogBridgeConfig config(LogBridgeConfig.Level level) {
        return new LogBridgeConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LogBridgeConfig.class;
            }

            @Override
            public Level level() {
                return level;
            }
        };
    }

    private static LogEntry entry(long sequence, LogLevel level, String bundle, String message, Throwable failure) {
        return entry(sequence, level, bundle, message, failure, 42);
    }

    private static LogEntry entry(long sequence, LogLevel level, String bundle, String message, Throwable failure,
            long bundleId) {
        Bundle source = proxy(Bundle.class, Map.of("getSymbolicName", bundle, "getBundleId", bundleId));
        var answers = new java.util.HashMap<String, Object>(Map.of(
                "getSequence", sequence, "getLogLevel", level, "getMessage", message, "getBundle", source));
        if (failure != null) {
            answers.put("getException", failure);
        }
        return proxy(LogEntry.class, answers);
    }

    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "toString" -> type.getSimpleName() + answers;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> answers.get(method.getName());
                }));
    }

    /** A Log Service reader with a fixed history that delivers published entries at once. */
    private static class FakeReader implements LogReaderService {
        final List<LogListener> listeners = new ArrayList<>();
        private final List<LogEntry> history;

        FakeReader(List<LogEntry> newestFirst) {
            this.history = newestFirst;
        }

        void publish(LogEntry entry) {
            for (LogListener listener : List.copyOf(listeners)) {
                listener.logged(entry);
            }
        }

        @Override
        public void addLogListener(LogListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeLogListener(LogListener listener) {
            listeners.remove(listener);
        }

        @Override
        public java.util.Enumeration<LogEntry> getLog() {
            return Collections.enumeration(history);
        }
    }
}
