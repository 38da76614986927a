package org.switchboard.caseapi.cases.usecases;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a case came in; stored and passed to the process in lower case. */
public enum Channel {
  @JsonProperty("api") API,
  @JsonProperty("phone") PHONE,
  @JsonProperty("sms") SMS,
  @JsonProperty("whatsapp") WHATSAPP,
  @JsonProperty("email") EMAIL,
  @JsonProperty("webchat") WEBCHAT,
  @JsonProperty("messenger") MESSENGER,
  @JsonProperty("instagram") INSTAGRAM;

  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
