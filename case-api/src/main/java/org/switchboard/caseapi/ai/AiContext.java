package org.switchboard.caseapi.ai;

/**
 * Who or what asks for an AI result and about which object; recorded with the result.
 *
 * @param requestedBy user id, or the worker/process that asked (e.g. {@code worker:AnalyzeSentiment})
 * @param objectType e.g. {@code case}, {@code message}; null when the text is not stored anywhere
 * @param objectId the object's id; when it is a case, the stored output is encrypted under the case's key
 */
public record AiContext(String requestedBy, String objectType, String objectId) {

  public static final String CASE = "case";

  public AiContext {
    if (requestedBy == null || requestedBy.isBlank()) {
      throw new IllegalArgumentException("Every AI call names who asked for it");
    }
  }

  public static AiContext of(String requestedBy) {
    return new AiContext(requestedBy, null, null);
  }

  public static AiContext aboutCase(String requestedBy, String caseId) {
    return new AiContext(requestedBy, CASE, caseId);
  }

  public boolean aboutCase() {
    return CASE.equals(objectType) && objectId != null;
  }
}
