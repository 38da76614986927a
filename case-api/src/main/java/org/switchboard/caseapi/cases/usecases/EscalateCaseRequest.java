package org.switchboard.caseapi.cases.usecases;

import jakarta.validation.constraints.Pattern;

/** @param reasonCode why, as a code such as {@code SAFEGUARDING} (never free text: it becomes a process fact) */
public record EscalateCaseRequest(
    @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be a code of capital letters, digits and _")
    String reasonCode) {
}
