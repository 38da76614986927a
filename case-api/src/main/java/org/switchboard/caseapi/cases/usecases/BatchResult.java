package org.switchboard.caseapi.cases.usecases;

import java.util.List;

/** Per case, the HTTP status the single-case call would have answered, and why when it failed. */
public record BatchResult(List<Item> results) {

  public record Item(String caseId, int status, String detail) {
  }
}
