package org.switchboard.workers.channels.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.switchboard.workers.Topics;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelSender;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.channels.SendRefusedException;
import org.switchboard.workers.channels.TransientSendException;
import org.switchboard.workers.runtime.Job;
import org.switchboard.workers.runtime.Outcome;
import org.switchboard.workers.runtime.RecordingReport;
import org.switchboard.workers.runtime.RetryPolicy;
import org.switchboard.workers.runtime.WorkerInvoker;

class SendWorkerTest {

  private static final ChannelAccount TWILIO = new ChannelAccount("acc-1", "tenant-a", Channel.SMS, "twilio",
      "+15550000001", null, Map.of(), Map.of("authToken", "TWILIO_AUTH_TOKEN"));

  private final InMemoryLedger ledger = new InMemoryLedger();
  private final CountingSender provider = new CountingSender();
  private final SendWorker worker = new SendWorker(Topics.SEND_SMS, () -> Optional.of(ledger),
      () -> List.of(new NeverSupports(), provider));
  private final WorkerInvoker invoker = new WorkerInvoker(RetryPolicy.DEFAULT);

  @Test
  void readyMessageIsSentOnceAndCompletesWithItsDeliveryState() {
    ledger.add(message("m-1"));

    RecordingReport report = run("m-1", null);

    assertThat(report.kind).isEqualTo("complete");
    assertThat(report.variables).containsExactly(Map.entry("deliveryState", "QUEUED"));
    assertThat(provider.accepted.get()).isEqualTo(1);
    assertThat(ledger.states.get("m-1")).isEqualTo(InMemoryLedger.State.SENT);
    assertThat(ledger.providerIds.get("m-1")).isEqualTo("SM-1");
  }

  @Test
  void jobRetriedAfterACrashBetweenProviderAndLedgerNeverReachesTheProviderAgain() {
    ledger.add(message("m-2"));
    ledger.failOnSent = true; // the process dies (or the database goes away) after the provider took the message

    RecordingReport first = run("m-2", null);
    ledger.failOnSent = false;
    RecordingReport retry = run("m-2", first.retries);

    assertThat(first.kind).isEqualTo("failure");
    assertThat(first.retries).isEqualTo(5);
    assertThat(retry.kind).isEqualTo("bpmnError");
    assertThat(retry.code).isEqualTo(RefusalCodes.SEND_IN_DOUBT);
    assertThat(provider.calls.get()).isEqualTo(1);
  }

  @Test
  void jobFetchedAgainAfterLockExpiryWhileTheFirstSendIsStillRunningDoesNotSendAgain() throws Exception {
    ledger.add(message("m-3"));
    CountDownLatch inProvider = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    provider.behaviour = message -> {
      inProvider.countDown();
      await(release);
      return new SendReceipt("SM-slow", DeliveryState.SENT);
    };

    CompletableFuture<RecordingReport> slow = CompletableFuture.supplyAsync(() -> run("m-3", null));
    assertThat(inProvider.await(10, TimeUnit.SECONDS)).isTrue();
    // The lock expired: the engine hands the same external task to another worker.
    RecordingReport second = run("m-3", null);
    release.countDown();
    RecordingReport first = slow.get(10, TimeUnit.SECONDS);

    assertThat(second.kind).isEqualTo("bpmnError");
    assertThat(second.code).isEqualTo(RefusalCodes.SEND_IN_DOUBT);
    assertThat(first.kind).isEqualTo("complete");
    assertThat(provider.calls.get()).isEqualTo(1);
  }

  @Test
  void jobRetriedAfterItsCompletionWasLostCompletesWithoutSending() {
    ledger.add(message("m-4"));
    run("m-4", null); // sent, but the engine never heard of it (lock lost before complete)

    RecordingReport retry = run("m-4", null);

    assertThat(retry.kind).isEqualTo("complete");
    assertThat(retry.variables).containsEntry("deliveryState", "SENT");
    assertThat(provider.calls.get()).isEqualTo(1);
  }

  @Test
  void transientFailureReleasesTheClaimAndTheRetrySends() {
    ledger.add(message("m-5"));
    provider.behaviour = message -> {
      throw new TransientSendException("HTTP 503 from provider", null);
    };

    RecordingReport first = run("m-5", null);
    provider.behaviour = null;
    RecordingReport retry = run("m-5", first.retries);

    assertThat(first.kind).isEqualTo("failure");
    assertThat(first.retries).isEqualTo(5);
    assertThat(first.retryTimeout).isEqualTo(Duration.ofSeconds(10));
    assertThat(retry.kind).isEqualTo("complete");
    assertThat(provider.accepted.get()).isEqualTo(1);
  }

  @Test
  void transientFailuresEndInAnIncidentWhenRetriesRunOut() {
    ledger.add(message("m-6"));
    provider.behaviour = message -> {
      throw new TransientSendException("timeout", null);
    };

    Integer retries = null;
    RecordingReport report = null;
    for (int attempt = 1; attempt <= 6; attempt++) {
      report = run("m-6", retries);
      retries = report.retries;
    }

    assertThat(report.kind).isEqualTo("failure");
    assertThat(report.retries).isZero();
    assertThat(provider.accepted.get()).isZero();
  }

  @Test
  void providerRefusalIsABpmnErrorWithItsCodeAndFinalInTheLedger() {
    ledger.add(message("m-7"));
    provider.behaviour = message -> {
      throw new SendRefusedException(RefusalCodes.INVALID_RECIPIENT, "not a mobile number");
    };

    RecordingReport report = run("m-7", null);

    assertThat(report.kind).isEqualTo("bpmnError");
    assertThat(report.code).isEqualTo(RefusalCodes.INVALID_RECIPIENT);
    assertThat(ledger.refusals.get("m-7")).isEqualTo(RefusalCodes.INVALID_RECIPIENT);
    assertThat(run("m-7", null).code).isEqualTo(RefusalCodes.INVALID_RECIPIENT);
    assertThat(provider.calls.get()).isEqualTo(1);
  }

  @Test
  void ledgerRefusalIsABpmnErrorAndNothingIsSent() {
    ledger.add(message("m-8"));
    ledger.claimRefusals.put("m-8", RefusalCodes.UNSAFE_TO_CONTACT);

    RecordingReport report = run("m-8", null);

    assertThat(report.kind).isEqualTo("bpmnError");
    assertThat(report.code).isEqualTo(RefusalCodes.UNSAFE_TO_CONTACT);
    assertThat(provider.calls.get()).isZero();
  }

  @Test
  void noSenderForTheAccountIsChannelNotConfigured() {
    ChannelAccount smtp = new ChannelAccount("acc-2", "tenant-a", Channel.EMAIL, "smtp", "help@example.org",
        null, Map.of(), Map.of());
    ledger.add(new OutboundMessage("m-9", "tenant-a", "case-1", Channel.EMAIL, smtp, "someone@example.org",
        "Hello", "body", null, null, null, null, null, null));

    RecordingReport report = run("m-9", null);

    assertThat(report.kind).isEqualTo("bpmnError");
    assertThat(report.code).isEqualTo(RefusalCodes.CHANNEL_NOT_CONFIGURED);
    assertThat(ledger.refusals.get("m-9")).isEqualTo(RefusalCodes.CHANNEL_NOT_CONFIGURED);
    assertThat(provider.calls.get()).isZero();
  }

  @Test
  void unexpectedSenderExceptionLeavesTheSendInDoubtAndRaisesAnIncident() {
    ledger.add(message("m-10"));
    provider.behaviour = message -> {
      throw new IllegalStateException("bug talking to +15550009999");
    };

    RecordingReport report = run("m-10", null);
    RecordingReport retriedFromCockpit = run("m-10", 1);

    assertThat(report.kind).isEqualTo("failure");
    assertThat(report.retries).isZero();
    assertThat(report.message).doesNotContain("+1555");
    assertThat(report.details).doesNotContain("+1555");
    assertThat(retriedFromCockpit.code).isEqualTo(RefusalCodes.SEND_IN_DOUBT);
    assertThat(provider.calls.get()).isEqualTo(1);
  }

  @Test
  void missingMessageIdIsARetryableTechnicalFailure() {
    RecordingReport report = new RecordingReport();
    invoker.run(worker, new Job("task-x", Topics.SEND_SMS, "pi", "case", "tenant-a", Map.of(), 1), null, report);

    assertThat(report.kind).isEqualTo("failure");
    assertThat(report.retries).isEqualTo(5);
  }

  @Test
  void withoutALedgerInTheProcessTheIncidentIsRaisedAtOnce() {
    SendWorker orphan = new SendWorker(Topics.SEND_SMS, Optional::empty, List::of);

    Outcome outcome = orphan.work(job("m-11"));

    assertThat(outcome).isInstanceOfSatisfying(Outcome.Failure.class, f -> assertThat(f.retryable()).isFalse());
  }

  private RecordingReport run(String messageId, Integer retriesLeft) {
    RecordingReport report = new RecordingReport();
    Job job = new Job("task-" + messageId, Topics.SEND_SMS, "pi-1", "case-1", "tenant-a",
        Map.of("messageId", messageId), invoker.policy().attempt(retriesLeft));
    invoker.run(worker, job, retriesLeft, report);
    return report;
  }

  private static Job job(String messageId) {
    return new Job("task-" + messageId, Topics.SEND_SMS, "pi-1", "case-1", "tenant-a",
        Map.of("messageId", messageId), 1);
  }

  private static OutboundMessage message(String id) {
    return new OutboundMessage(id, "tenant-a", "case-1", Channel.SMS, TWILIO, "+15550000002", null,
        "Your appointment is confirmed", null, null, null, null, null, null);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test latch timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The provider: counts every call and every message it accepted. */
  static class CountingSender implements ChannelSender {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    volatile Function<OutboundMessage, SendReceipt> behaviour;

    @Override
    public boolean supports(ChannelAccount account) {
      return "twilio".equals(account.provider());
    }

    @Override
    public SendReceipt send(OutboundMessage message) {
      calls.incrementAndGet();
      Function<OutboundMessage, SendReceipt> b = behaviour;
      SendReceipt receipt = b == null ? new SendReceipt("SM-" + (accepted.get() + 1), DeliveryState.QUEUED)
          : b.apply(message);
      accepted.incrementAndGet();
      return receipt;
    }
  }

  static class NeverSupports implements ChannelSender {
    @Override
    public boolean supports(ChannelAccount account) {
      return false;
    }

    @Override
    public SendReceipt send(OutboundMessage message) {
      throw new AssertionError("not this sender");
    }
  }
}
