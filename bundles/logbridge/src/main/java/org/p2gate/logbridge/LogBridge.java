package org.p2gate.logbridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards OSGi Log Service entries to SLF4J, so what the framework, SCR, Config Admin and
 * Deployment Admin report reaches the console and the rotating log file of the runtime.
 *
 * <p>Entries logged before this component started (still in the Log Service's history) are
 * forwarded once, oldest first, then live entries follow.
 */
@Component(configurationPid = LogBridgeConfig.PID, immediate = true, service = {})
@Designate(ocd = LogBridgeConfig.class)
public final class LogBridge implements LogListener {

    private final LogReaderService reader;
    private volatile LogBridgeConfig.Level threshold;

    /** Live entries that arrived while the history was being forwarded; null once it was. */
    private List<LogEntry> pending = new ArrayList<>();
    private long lastForwardedSequence = -1;

    @Activate
    public LogBridge(@Reference LogReaderService reader, LogBridgeConfig config) {
        this.reader = reader;
        this.threshold = config.level();
        reader.addLogListener(this);
        forwardHistory(Collections.list(reader.getLog()));
    }

    @Modified
    void modified(LogBridgeConfig config) {
        threshold = config.level();
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        synchronized (this) {
            if (pending != null) {
                pending.add(entry);
                return;
            }
        }
        forward(entry);
    }

    /** The history comes newest first; forward it oldest first, then what arrived meanwhile. */
    private synchronized void forwardHistory(List<LogEntry> newestFirst) {
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            forward(newestFirst.get(i));
        }
        for (LogEntry entry : pending) {
            if (entry.getSequence() > lastForwardedSequence) {
                forward(entry);
            }
        }
        pending = null;
    }

    void forward(LogEntry entry) {
        lastForwardedSequence = Math.max(lastForwardedSequence, entry.getSequence());
        if (!threshold.admits(entry.getLogLevel())) {
            return;
        }
        Logger logger = LoggerFactory.getLogger(loggerName(entry));
        String message = entry.getMessage();
        Throwable failure = entry.getException();
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> logger.error(message, failure);
            case WARN -> logger.warn(message, failure);
            case INFO -> logger.info(message, failure);
            case DEBUG -> logger.debug(message, failure);
            case TRACE -> logger.trace(message, failure);
        }
    }

    /** The SLF4J logger is named after the bundle that logged ("osgi" for the framework). */
    static String loggerName(LogEntry entry) {
        var bundle = entry.getBundle();
        String symbolicName = bundle == null ? null : bundle.getSymbolicName();
        return symbolicName == null || bundle.getBundleId() == 0 ? "osgi" : symbolicName;
    }
}
