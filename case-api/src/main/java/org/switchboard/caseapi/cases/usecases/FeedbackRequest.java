package org.switchboard.caseapi.cases.usecases;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** @param score satisfaction from 1 (very unhappy) to 5 (very happy) */
public record FeedbackRequest(@NotNull @Min(1) @Max(5) Integer score) {
}
