package org.p2gate.mbus.wireless;

/** The live counters of a wireless link: written only by its worker, read from any thread. */
final class LinkCounters {

    volatile long framesReceived;
    volatile long malformed;
    volatile long notAllowed;
    volatile long badConfiguration;
    volatile long notAdmitted;
    volatile long foreignFrames;
    volatile long installationRequests;
    volatile long confirmations;
    volatile long cyclesStarted;
    volatile long commandsSent;
    volatile long commandsCompleted;
    volatile long missingReplies;
    volatile long repetitions;
    volatile long readbacks;
    volatile long commandsFailed;
    volatile long cycleEnds;
    volatile long unexpectedReplies;
    volatile long missedWindows;
    volatile long radioFailures;
    volatile long framesSent;
    volatile long armed;
    volatile long answersInWindow;
    volatile long answersOutsideWindow;
    volatile long confirmationsMispredicted;

    WirelessStatistics snapshot() {
        return new WirelessStatistics(framesReceived, malformed, notAllowed, badConfiguration, notAdmitted, foreignFrames,
                installationRequests, confirmations, cyclesStarted, commandsSent, commandsCompleted, missingReplies,
                repetitions, readbacks, commandsFailed, cycleEnds, unexpectedReplies, missedWindows, radioFailures,
                framesSent, armed, answersInWindow, answersOutsideWindow, confirmationsMispredicted);
    }
}
