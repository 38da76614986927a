package org.switchboard.caseapi.ai.config;

import java.util.Locale;
import java.util.Optional;
import org.switchboard.workers.ai.AiService;

/** The ids of services in the REST API and configuration: the enum name in lower case ({@code sentiment}). */
public final class AiServiceIds {

  private AiServiceIds() {
  }

  public static String idOf(AiService service) {
    return service.name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AiService> parse(String id) {
    if (id == null) {
      return Optional.empty();
    }
    for (AiService service : AiService.values()) {
      if (idOf(service).equals(id.toLowerCase(Locale.ROOT))) {
        return Optional.of(service);
      }
    }
    return Optional.empty();
  }
}
