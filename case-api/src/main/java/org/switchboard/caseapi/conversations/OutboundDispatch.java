package org.switchboard.caseapi.conversations;

import org.switchboard.workers.channels.Channel;

/**
 * Hands a stored outbound message to the engine, where it is sent by an external task on the channel's topic
 * ({@link Channel#sendTopic()}). The adapter starts the {@code OutboundMessage} process (business key = message id)
 * in the message's tenant with the variables {@code messageId}, {@code caseId} and {@code channel} only.
 */
public interface OutboundDispatch {

  /** @return the process instance id */
  String dispatch(String tenantId, String caseId, String messageId, Channel channel);
}
