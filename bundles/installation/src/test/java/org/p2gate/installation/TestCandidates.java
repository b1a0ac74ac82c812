package org.p2gate.installation;

import java.util.ArrayList;
import java.util.List;
import org.p2gate.mbus.wireless.InstallationCandidate;

/** A stand-in for the wireless link's SND_IR list (test helper). */
final class TestCandidates implements InstallationCandidates {

    private final List<InstallationCandidate> heard = new ArrayList<>();

    synchronized void heard(InstallationCandidate candidate) {
        heard.add(0, candidate);
    }

    @Override
    public synchronized List<InstallationCandidate> candidates() {
        return List.copyOf(heard);
    }
}
