package org.p2gate.installation;

import java.util.ArrayList;
import java.util.List;

/** A stand-in for the wireless link's SND_IR list (test helper). */
final class TestCandidates implements InstallationCandidates {

    private final List<Candidate> heard = new ArrayList<>();

    synchronized void heard(Candidate candidate) {
        heard.add(0, candidate);
    }

    @Override
    public synchronized List<Candidate> candidates() {
        return List.copyOf(heard);
    }
}
