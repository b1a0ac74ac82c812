package org.p2gate.mbus.wired;

/** The live counters of a link: written only by its worker, read from any thread through {@link #snapshot()}. */
final class LinkCounters {

    volatile long requests;
    volatile long attempts;
    volatile long answers;
    volatile long noAnswers;
    volatile long invalidAnswers;
    volatile long truncated;
    volatile long badChecksums;
    volatile long collisions;
    volatile long noiseBytes;
    volatile long echoes;
    volatile long unsolicitedBytes;
    volatile long transportFailures;

    LinkStatistics snapshot() {
        return new LinkStatistics(requests, attempts, answers, noAnswers, invalidAnswers, truncated, badChecksums,
                collisions, noiseBytes, echoes, unsolicitedBytes, transportFailures);
    }
}
