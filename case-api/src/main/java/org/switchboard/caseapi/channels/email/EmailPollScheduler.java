package org.switchboard.caseapi.channels.email;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.shared.PeriodicJobScheduler;

/**
 * Polls every IMAP mailbox each {@code switchboard.email.poll-interval}; off with
 * {@code switchboard.email.poll-enabled=false} (tests call {@link ImapMailboxPoller} themselves). Several nodes may
 * run it: each mailbox is polled by whichever node claims it first.
 */
@Component
public class EmailPollScheduler extends PeriodicJobScheduler {

  public EmailPollScheduler(ImapMailboxPoller poller, EmailProperties properties, Clock clock) {
    super("email-poll", properties.pollEnabled(), properties.pollInterval(), poller::pollAll, clock);
  }
}
