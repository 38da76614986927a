package org.switchboard.caseapi.ai.analysis;

import java.util.Map;
import java.util.Optional;
import org.switchboard.caseapi.cases.CaseRecord;

/** The engine as the message analysis sees it (outbound port); adapter in {@code ai.analysis.engine}. */
public interface MessageAnalysisProcess {

  /**
   * Starts {@code InboundMessageAnalysis} for one message (business key = message id) in the case's tenant.
   *
   * @param facts routing facts only (see {@code InboundMessageAnalysis.StartVariables})
   */
  void start(CaseRecord c, String messageId, Map<String, Object> facts);

  /** The intake category the case's process holds ({@code category}), when it has one. */
  Optional<String> intakeCategory(CaseRecord c);
}
