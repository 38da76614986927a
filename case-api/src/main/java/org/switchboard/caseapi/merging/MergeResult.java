package org.switchboard.caseapi.merging;

/** What a merge did: the survivor now holds what the duplicate held; {@code processSignalled} tells how it was closed. */
public record MergeResult(
    String survivorCaseId,
    String duplicateCaseId,
    int interactionsMoved,
    int notesMoved,
    int documentsMoved,
    String linkId,
    boolean processSignalled) {
}
