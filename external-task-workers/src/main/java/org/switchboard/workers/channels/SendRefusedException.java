package org.switchboard.workers.channels;

/** A business refusal; {@code code} is one of {@link RefusalCodes} and becomes the BPMN error code. */
public class SendRefusedException extends RuntimeException {

  private final String code;

  public SendRefusedException(String code, String reason) {
    super(reason);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
