package org.p2gate.installation;

import java.util.List;
import org.p2gate.mbus.wireless.InstallationCandidate;

/**
 * The port installation mode needs from the wireless link: the unregistered devices heard sending SND_IR (P2
 * 4.2.2 §8.1, §8.4.2.2 step 5). The wireless side implements it; without a radio, {@link #NONE}.
 */
public interface InstallationCandidates {

    /** No radio: nobody is ever heard. */
    InstallationCandidates NONE = List::of;

    /** The devices heard, newest first; registered ones are not listed. Called from any thread. */
    List<InstallationCandidate> candidates();
}
