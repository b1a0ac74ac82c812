package org.p2gate.installation;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;

/**
 * What the task chains after a binding still have to do, kept across restarts: a power loss between a binding and its
 * clock synchronisation (P2 4.2.2 §8.1, §8.3.1.1 "Assumptions") resumes the chain at the step it had reached, as long
 * as the channel is still bound to the same device. A chain that ended (done, or deinstalled) is forgotten.
 */
public interface TaskJournal {

    /** Keeps nothing: every restart forgets the chains (tests, benches). */
    TaskJournal NONE = new TaskJournal() {
        @Override
        public Map<Channel, Entry> entries() {
            return Map.of();
        }

        @Override
        public void record(Entry entry) {
            // nothing kept
        }

        @Override
        public void forget(Channel channel) {
            // nothing kept
        }
    };

    /**
     * Where one channel's chain stands.
     *
     * @param channel the channel
     * @param binding the device the chain works for: it resumes only for that one
     * @param mode    the device's state as the E-meter sees it (P2 §8.2)
     * @param step    the step to run next (or WAITING_FOR_KEYS, FAILED)
     */
    record Entry(Channel channel, Binding binding, DeviceMode mode, TaskStep step) {
        public Entry {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(step, "step");
        }
    }

    /** A journal in {@code folder} (created if missing), read now. */
    static TaskJournal inFolder(Path folder) {
        return new TaskJournalFile(folder);
    }

    /** The chains that had not ended at the last stop, by channel. */
    Map<Channel, Entry> entries();

    /** Records where a chain stands; durable when it returns. */
    void record(Entry entry);

    /** Forgets a channel's chain (it ended, or the channel was deinstalled); durable when it returns. */
    void forget(Channel channel);
}
