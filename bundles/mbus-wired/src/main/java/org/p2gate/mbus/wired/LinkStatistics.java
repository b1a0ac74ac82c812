package org.p2gate.mbus.wired;

/**
 * A snapshot of what a wired link saw since it was created. Every anomaly is counted here and logged with
 * its reason; none is dropped silently (DESIGN.md, "Security").
 *
 * @param requests         requests completed or failed (not attempts)
 * @param attempts         frames sent, including repetitions
 * @param answers          requests answered with a valid, expected frame
 * @param noAnswers        attempts with no answer inside the window
 * @param invalidAnswers   attempts with an invalid answer (of which truncated and bad checksum are counted apart too)
 * @param truncated        answers cut off by an idle gap inside a frame
 * @param badChecksums     answers with a wrong checksum
 * @param collisions       attempts whose answer looked like two devices answering at once
 * @param noiseBytes       bytes skipped before a start byte
 * @param echoes           echoes of the master's own request that were dropped
 * @param unsolicitedBytes bytes that arrived while no request was waiting for an answer
 * @param transportFailures failures of the transport
 */
public record LinkStatistics(
        long requests,
        long attempts,
        long answers,
        long noAnswers,
        long invalidAnswers,
        long truncated,
        long badChecksums,
        long collisions,
        long noiseBytes,
        long echoes,
        long unsolicitedBytes,
        long transportFailures) {
}
