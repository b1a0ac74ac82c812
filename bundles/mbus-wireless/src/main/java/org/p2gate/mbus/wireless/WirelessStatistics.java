package org.p2gate.mbus.wireless;

/**
 * What a wireless link saw and did since it was created. Every rejected frame is counted here and logged
 * with its reason (DESIGN.md "Security").
 *
 * @param framesReceived       frames the radio delivered
 * @param malformed            frames that could not be decoded (length, header)
 * @param notAllowed           frames of bound meters whose C/CI pair P2 Table 6 does not list
 * @param badConfiguration     frames of bound meters whose configuration word breaks P2 §4.2.6 / §3.2.5
 * @param notAdmitted          frames the master's admission rejected (frame counter, fillers)
 * @param foreignFrames        frames of senders that are not bound (listed, never answered)
 * @param installationRequests SND_IR of senders that are not bound (installation candidates)
 * @param confirmations        CNF_IR sent
 * @param cyclesStarted        frequent access cycles opened
 * @param commandsSent         command frames sent (SND_UD and requested REQ_UD2), repetitions included
 * @param commandsCompleted    commands answered (ACK or RSP_UD)
 * @param missingReplies       meter transmissions in a FAC that did not answer the outstanding command
 * @param repetitions          commands sent again after a missing answer
 * @param readbacks            REQ_UD2 sent to learn the meter's frame counter before a repetition (P2 §5.2)
 * @param commandsFailed       commands that failed (not delivered, cancelled, radio)
 * @param cycleEnds            SND_NKE sent to end a FAC
 * @param unexpectedReplies    ACK or RSP_UD of a bound meter that answered nothing outstanding
 * @param missedWindows        frames of bound meters that released no answer although one was armed for them
 * @param radioFailures        arming or transmissions the radio refused, and radio failures
 * @param framesSent           answers the radio sent by itself (armed answers released)
 * @param armed                answers armed in the radio (replacements included)
 * @param answersInWindow      sent answers that started inside t_RO (2.0–3.0 ms after the trigger's end)
 * @param answersOutsideWindow sent answers that started outside t_RO (the meter does not hear them)
 * @param confirmationsMispredicted CNF_IR sent with an access number that was not the SND_IR's (a lost SND_IR)
 */
public record WirelessStatistics(long framesReceived, long malformed, long notAllowed, long badConfiguration,
        long notAdmitted, long foreignFrames, long installationRequests, long confirmations, long cyclesStarted,
        long commandsSent, long commandsCompleted, long missingReplies, long repetitions, long readbacks,
        long commandsFailed, long cycleEnds, long unexpectedReplies, long missedWindows, long radioFailures,
        long framesSent, long armed, long answersInWindow, long answersOutsideWindow, long confirmationsMispredicted) {
}
