package org.switchboard.caseapi.conversations.inbound;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.cases.CaseProcess;
import org.switchboard.caseapi.cases.CaseProcess.CaseEvent;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.cases.CaseStatus;
import org.switchboard.caseapi.cases.usecases.CreateCaseRequest;
import org.switchboard.caseapi.cases.usecases.CreateCaseUseCase;
import org.switchboard.caseapi.contacts.ContactRepository;
import org.switchboard.caseapi.contacts.LinkCaseContactUseCase;
import org.switchboard.caseapi.contacts.ResolveContactUseCase;
import org.switchboard.caseapi.conversations.ConversationsProperties;
import org.switchboard.caseapi.conversations.InboundMessageProcessed;
import org.switchboard.caseapi.conversations.MediaFetcher;
import org.switchboard.caseapi.conversations.MediaFetcher.FetchedMedia;
import org.switchboard.caseapi.conversations.accounts.JdbcChannelAccounts;
import org.switchboard.caseapi.conversations.store.ConversationRepository;
import org.switchboard.caseapi.conversations.store.MessageCipher;
import org.switchboard.caseapi.documents.Document;
import org.switchboard.caseapi.documents.Upload;
import org.switchboard.caseapi.documents.UploadDocumentUseCase;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * Turns RECEIVED messages into case work (docs/conversations.md, "Processing"). Each step is idempotent and records
 * its result on the row, so a retry after a crash or error continues where the last attempt stopped:
 *
 * <ol>
 *   <li>attach: resolve the contact, thread the message to a case (email thread, the contact's open case, a closed
 *       case still in its reopen window, or a new case), re-encrypt its content under the case's key, update the
 *       conversation; publishes {@link InboundMessageProcessed} after commit;</li>
 *   <li>media: fetch each pending attachment and store it as a case document;</li>
 *   <li>correlate: deliver INTERACTION_RECEIVED to the case's process instance. When the instance is not waiting for
 *       it (e.g. still in intake, or between wait states) the message stays RECEIVED and is retried with backoff;
 *       it is already on the case and in the inbox, so nothing is lost meanwhile.</li>
 * </ol>
 * Claiming uses {@code FOR UPDATE SKIP LOCKED} and a lease ({@code next_attempt_at}), so several nodes share the
 * work and a node that dies mid-way leaves its messages to the others after the lease.
 */
@Component
public class InboundProcessor {

  private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);
  private static final int MAX_ERROR_LENGTH = 500;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ConversationsProperties properties;
  private final JdbcChannelAccounts accounts;
  private final ResolveContactUseCase resolveContact;
  private final ContactRepository contacts;
  private final CaseRepository cases;
  private final CreateCaseUseCase createCase;
  private final LinkCaseContactUseCase linkContact;
  private final CaseProcess process;
  private final MessageCipher cipher;
  private final ConversationRepository conversations;
  private final Outbox outbox;
  private final ApplicationEventPublisher events;
  private final List<MediaFetcher> fetchers;
  private final UploadDocumentUseCase uploads;
  private java.util.concurrent.ExecutorService workers;

  public InboundProcessor(JdbcClient jdbc, PlatformTransactionManager txm, Clock clock,
      ConversationsProperties properties, JdbcChannelAccounts accounts, ResolveContactUseCase resolveContact,
      ContactRepository contacts, CaseRepository cases, CreateCaseUseCase createCase,
      LinkCaseContactUseCase linkContact, CaseProcess process, MessageCipher cipher,
      ConversationRepository conversations, Outbox outbox, ApplicationEventPublisher events,
      List<MediaFetcher> fetchers, UploadDocumentUseCase uploads) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(txm);
    this.clock = clock;
    this.properties = properties;
    this.accounts = accounts;
    this.resolveContact = resolveContact;
    this.contacts = contacts;
    this.cases = cases;
    this.createCase = createCase;
    this.linkContact = linkContact;
    this.process = process;
    this.cipher = cipher;
    this.conversations = conversations;
    this.outbox = outbox;
    this.events = events;
    this.fetchers = fetchers;
    this.uploads = uploads;
  }

  /** What one attempt ended with. */
  public enum Outcome {
    /** Attached, media stored, correlated: the message is PROCESSED. */
    PROCESSED,
    /** On its case, but the case process did not take it yet: retried later. */
    PARKED,
    /** A step failed: retried later, or FAILED after the configured attempts. */
    RETRY,
    FAILED,
    /** Not RECEIVED (any more), or unknown. */
    SKIPPED
  }

  /**
   * Processes due messages batch after batch until none is due; returns how many were attempted. A batch is worked
   * on by {@code processing.threads} threads: messages of one contact still queue on the contact's row lock.
   */
  public int processDue() {
    int total = 0;
    while (true) {
      List<String> claimed = claim();
      processAll(claimed);
      total += claimed.size();
      if (claimed.size() < properties.processing().batchSize()) {
        return total;
      }
    }
  }

  private void processAll(List<String> ids) {
    if (ids.size() <= 1 || properties.processing().threads() <= 1) {
      ids.forEach(this::process);
      return;
    }
    List<java.util.concurrent.Callable<Outcome>> calls = ids.stream()
        .<java.util.concurrent.Callable<Outcome>>map(id -> () -> process(id)).toList();
    try {
      for (java.util.concurrent.Future<Outcome> f : workers().invokeAll(calls)) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          log.warn("Inbound processing worker failed ({})", e.getCause().getClass().getSimpleName());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized java.util.concurrent.ExecutorService workers() {
    if (workers == null) {
      java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
      workers = java.util.concurrent.Executors.newFixedThreadPool(properties.processing().threads(), r -> {
        Thread t = new Thread(r, "inbound-worker-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return workers;
  }

  @jakarta.annotation.PreDestroy
  synchronized void shutdown() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  /** One attempt at one message, whatever its next_attempt_at (tests and operators). */
  public Outcome process(String messageId) {
    // Processing acts as the system, whichever thread calls it (a test, an operator endpoint).
    org.springframework.security.core.context.SecurityContext caller =
        org.springframework.security.core.context.SecurityContextHolder.getContext();
    org.springframework.security.core.context.SecurityContextHolder.clearContext();
    try {
      return processAsSystem(messageId);
    } finally {
      org.springframework.security.core.context.SecurityContextHolder.setContext(caller);
    }
  }

  private Outcome processAsSystem(String messageId) {
    Row row = load(messageId).orElse(null);
    if (row == null || !"RECEIVED".equals(row.state()) || !"INBOUND".equals(row.direction())) {
      return Outcome.SKIPPED;
    }
    try {
      if (row.caseId() == null) {
        Optional<Attached> attached = attach(row);
        if (attached.isEmpty()) {
          return Outcome.SKIPPED;
        }
        publish(row, attached.get());
        row = load(messageId).orElseThrow();
      }
      if (!storeMedia(row)) {
        return retry(row, "media not stored yet", false);
      }
      if (row.correlatedAt() == null && !correlate(row)) {
        return retry(row, null, true);
      }
      transaction.executeWithoutResult(s -> jdbc.sql("""
          UPDATE message SET state = 'PROCESSED', next_attempt_at = NULL, error_code = NULL, error_reason = NULL,
            updated_at = :now WHERE id = :id AND state = 'RECEIVED'
          """).param("id", messageId).param("now", ts(clock.instant())).update());
      return Outcome.PROCESSED;
    } catch (RuntimeException e) {
      // The exception type only: messages and causes may quote content.
      log.warn("Processing inbound message {} failed ({}); it is retried", messageId, e.getClass().getSimpleName());
      log.debug("Processing inbound message {} failed", messageId, e);
      return retry(load(messageId).orElse(row), e.getClass().getSimpleName(), false);
    }
  }

  /** Due messages no other node holds; H2 and PostgreSQL both support SKIP LOCKED. */
  public static final String CLAIM = """
      SELECT id FROM message WHERE direction = 'INBOUND' AND state = 'RECEIVED' AND next_attempt_at <= :now
      ORDER BY next_attempt_at, created_at LIMIT :n FOR UPDATE SKIP LOCKED
      """;

  private List<String> claim() {
    return transaction.execute(s -> {
      Instant now = clock.instant();
      List<String> ids = jdbc.sql(CLAIM).param("now", ts(now)).param("n", properties.processing().batchSize()).query(String.class).list();
      if (!ids.isEmpty()) {
        jdbc.sql("UPDATE message SET next_attempt_at = :lease WHERE id IN (:ids)")
            .param("lease", ts(now.plus(properties.processing().lease()))).param("ids", ids).update();
      }
      return ids;
    });
  }

  // ---- step 1: attach -------------------------------------------------------------------------------------------

  private record Attached(String caseId, String contactId, String conversationId) {
  }

  private Optional<Attached> attach(Row first) {
    ChannelAccount account = accounts.anyById(first.accountId())
        .orElseThrow(() -> new IllegalStateException("Channel account of the message is gone")).account();
    String sender = cipher.open(MessageCipher.MESSAGE, first.id(), "sender", first.tenantId(), first.sender());
    String senderName = cipher.open(MessageCipher.MESSAGE, first.id(), "sender_name", first.tenantId(),
        first.senderName());
    // Own transaction before the attach transaction: never two connections held by one message at once.
    String contactId = resolveContact.resolve(first.tenantId(), first.channel(), sender, senderName);
    return Optional.ofNullable(transaction.execute(s -> {
      Row row = lock(first.id()).orElse(null);
      if (row == null || !"RECEIVED".equals(row.state()) || row.caseId() != null) {
        return null;
      }
      // Serialises the messages of one contact: one open case, one conversation, however many arrive at once.
      contacts.findByIdForUpdate(contactId).orElseThrow();
      Instant now = clock.instant();
      Threaded threaded = thread(row, contactId, account);
      moveToCase(row, threaded.c(), contactId, threaded.started() ? now : null, now);
      String conversationId = conversations.findOrCreate(row.tenantId(), row.channel(), row.accountId(), contactId,
          threaded.c().id(), now);
      jdbc.sql("UPDATE message SET conversation_id = :conv WHERE id = :id")
          .param("conv", conversationId).param("id", row.id()).update();
      conversations.messageAdded(conversationId, row.id(), row.createdAt(), true, now);
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("messageId", row.id());
      payload.put("conversationId", conversationId);
      payload.put("contactId", contactId);
      payload.put("channel", row.channel().name());
      payload.put("accountId", row.accountId());
      outbox.append(DomainEvent.ofCase(EventTypes.MESSAGE_RECEIVED, row.tenantId(), threaded.c().id(), now, payload));
      return new Attached(threaded.c().id(), contactId, conversationId);
    }));
  }

  private record Threaded(CaseRecord c, boolean started) {
  }

  /**
   * Which case the message belongs to: the case of the email it replies to, else the contact's open case, else the
   * contact's latest closed case if its reopen window is still open (it is reopened), else a new case.
   */
  private Threaded thread(Row row, String contactId, ChannelAccount account) {
    if (row.channel() == Channel.EMAIL) {
      Optional<CaseRecord> replied = emailThread(row).flatMap(this::usable);
      if (replied.isPresent()) {
        Optional<CaseRecord> open = openOrReopened(replied.get());
        if (open.isPresent()) {
          return new Threaded(open.get(), false);
        }
      }
    }
    Optional<CaseRecord> open = jdbc.sql("""
        SELECT id FROM case_record WHERE tenant_id = :t AND contact_id = :c AND status <> 'CLOSED'
          AND deleted_at IS NULL AND merged_into_case_id IS NULL ORDER BY created_at DESC, id LIMIT 1
        """).param("t", row.tenantId()).param("c", contactId).query(String.class).optional()
        .flatMap(cases::findByIdForUpdate);
    if (open.isPresent()) {
      return new Threaded(open.get(), false);
    }
    if (properties.reopenClosedCases()) {
      Optional<CaseRecord> reopened = jdbc.sql("""
          SELECT id FROM case_record WHERE tenant_id = :t AND contact_id = :c AND status = 'CLOSED'
            AND deleted_at IS NULL AND merged_into_case_id IS NULL ORDER BY closed_at DESC, id LIMIT 1
          """).param("t", row.tenantId()).param("c", contactId).query(String.class).optional()
          .flatMap(cases::findById).flatMap(this::openOrReopened);
      if (reopened.isPresent()) {
        return new Threaded(reopened.get(), false);
      }
    }
    return new Threaded(startCase(row, contactId, account), true);
  }

  private Optional<String> emailThread(Row row) {
    Set<String> ids = new LinkedHashSet<>();
    List<String> refs = new ArrayList<>();
    if (row.inReplyTo() != null) {
      refs.add(row.inReplyTo());
    }
    if (row.threadRefs() != null) {
      List<String> chain = new ArrayList<>(List.of(row.threadRefs().trim().split("\\s+")));
      java.util.Collections.reverse(chain); // nearest ancestor first
      refs.addAll(chain);
    }
    for (String ref : refs) {
      String bare = ref.strip();
      if (bare.startsWith("<") && bare.endsWith(">")) {
        bare = bare.substring(1, bare.length() - 1);
      }
      if (!bare.isEmpty()) {
        ids.add(bare);
        ids.add("<" + bare + ">");
      }
    }
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.sql("""
        SELECT case_id FROM message WHERE tenant_id = :t AND channel = 'EMAIL' AND case_id IS NOT NULL
          AND provider_message_id IN (:ids) ORDER BY created_at DESC LIMIT 1
        """).param("t", row.tenantId()).param("ids", new ArrayList<>(ids)).query(String.class).optional();
  }

  /** The case, or the case it was merged into; empty when deleted. */
  private Optional<CaseRecord> usable(String caseId) {
    Optional<CaseRecord> c = cases.findById(caseId);
    for (int hops = 0; c.isPresent() && c.get().mergedIntoCaseId() != null && hops < 10; hops++) {
      c = cases.findById(c.get().mergedIntoCaseId());
    }
    return c.filter(x -> !x.deleted() && x.mergedIntoCaseId() == null);
  }

  /** An open case as is (locked); a closed one reopened through its process if its reopen window is open. */
  private Optional<CaseRecord> openOrReopened(CaseRecord c) {
    if (c.status() != CaseStatus.CLOSED) {
      return cases.findByIdForUpdate(c.id());
    }
    if (!properties.reopenClosedCases()) {
      return Optional.empty();
    }
    if (!process.signal(c, CaseEvent.REOPEN_REQUESTED, Map.of())) {
      return Optional.empty();
    }
    return cases.findByIdForUpdate(c.id()).filter(x -> x.status() != CaseStatus.CLOSED);
  }

  private CaseRecord startCase(Row row, String contactId, ChannelAccount account) {
    String caseType = account.caseType() == null || account.caseType().isBlank() ? properties.defaultCaseType()
        : account.caseType();
    CaseRecord created = createCase.create(new CreateCaseRequest(row.tenantId(), caseType, title(row.channel()), null,
        caseChannel(row.channel()), null, null, false), CurrentUser.system());
    linkContact.link(created.id(), contactId);
    return cases.findByIdForUpdate(created.id()).orElseThrow();
  }

  /** Titles name the channel only: the message's content stays in the message. */
  private static String title(Channel channel) {
    return switch (channel) {
      case SMS -> "SMS conversation";
      case WHATSAPP -> "WhatsApp conversation";
      case EMAIL -> "Email conversation";
      case WEBCHAT -> "Web chat conversation";
      case MESSENGER -> "Messenger conversation";
      case INSTAGRAM -> "Instagram conversation";
    };
  }

  static org.switchboard.caseapi.cases.usecases.Channel caseChannel(Channel channel) {
    return org.switchboard.caseapi.cases.usecases.Channel.valueOf(channel.name());
  }

  /** Re-encrypts the message's content and attachment URLs under the case's key and puts it on the case. */
  private void moveToCase(Row row, CaseRecord c, String contactId, Instant correlatedAt, Instant now) {
    Map<String, Object> stored = jdbc.sql("""
        SELECT sender, sender_name, subject, body, raw_payload FROM message WHERE id = :id
        """).param("id", row.id()).query().singleRow();
    var statement = jdbc.sql("""
        UPDATE message SET case_id = :case, contact_id = :contact, sender = :sender, sender_name = :senderName,
          subject = :subject, body = :body, raw_payload = :raw, correlated_at = COALESCE(correlated_at, :correlated),
          updated_at = :now
        WHERE id = :id
        """).param("id", row.id()).param("case", c.id()).param("contact", contactId)
        .param("correlated", ts(correlatedAt)).param("now", ts(now));
    for (String[] field : new String[][] {{"sender", "sender"}, {"sender_name", "senderName"}, {"subject", "subject"},
        {"body", "body"}, {"raw_payload", "raw"}}) {
      String clear = cipher.open(MessageCipher.MESSAGE, row.id(), field[0], row.tenantId(),
          (String) stored.get(field[0]));
      statement = statement.param(field[1],
          cipher.sealForCase(MessageCipher.MESSAGE, row.id(), field[0], row.tenantId(), c.id(), clear));
    }
    statement.update();
    List<Map<String, Object>> attachments = jdbc.sql(
            "SELECT id, media_url FROM message_attachment WHERE message_id = :m AND media_url IS NOT NULL")
        .param("m", row.id()).query().listOfRows();
    for (Map<String, Object> a : attachments) {
      String id = (String) a.get("id");
      String url = cipher.open(MessageCipher.ATTACHMENT, id, "media_url", row.tenantId(), (String) a.get("media_url"));
      jdbc.sql("UPDATE message_attachment SET media_url = :u WHERE id = :id").param("id", id)
          .param("u", cipher.sealForCase(MessageCipher.ATTACHMENT, id, "media_url", row.tenantId(), c.id(), url))
          .update();
    }
  }

  private void publish(Row row, Attached attached) {
    try {
      events.publishEvent(new InboundMessageProcessed(row.id(), row.tenantId(), attached.caseId(),
          attached.contactId(), row.channel(), row.accountId()));
    } catch (RuntimeException e) {
      // A listener's failure is the listener's: the message itself is safely on its case.
      log.warn("A listener of InboundMessageProcessed failed for message {} ({})", row.id(),
          e.getClass().getSimpleName());
    }
  }

  // ---- step 2: media --------------------------------------------------------------------------------------------

  /** @return true when no attachment is left pending */
  private boolean storeMedia(Row row) {
    List<Map<String, Object>> pending = jdbc.sql("""
        SELECT id, media_url, content_type, file_name FROM message_attachment
        WHERE message_id = :m AND state = 'PENDING' ORDER BY created_at, id
        """).param("m", row.id()).query().listOfRows();
    boolean done = true;
    for (Map<String, Object> a : pending) {
      String attachmentId = (String) a.get("id");
      String source = cipher.open(MessageCipher.ATTACHMENT, attachmentId, "media_url", row.tenantId(),
          (String) a.get("media_url"));
      try {
        FetchedMedia media = fetch(row, source, (String) a.get("content_type"), (String) a.get("file_name"));
        String fileName = media.fileName() != null ? media.fileName()
            : a.get("file_name") != null ? (String) a.get("file_name") : "attachment";
        Document document = uploads.upload(row.caseId(), new Upload(fileName, media.content().length,
            new ByteArrayResource(media.content())));
        jdbc.sql("""
            UPDATE message_attachment SET document_id = :d, state = 'STORED', media_url = NULL,
              content_type = COALESCE(content_type, :type) WHERE id = :id
            """).param("d", document.id()).param("type", media.contentType()).param("id", attachmentId).update();
      } catch (ApiException | UnsupportedMedia refused) {
        // The document store refuses it (type, size) or no fetcher can ever get it: retrying cannot help.
        jdbc.sql("UPDATE message_attachment SET state = 'FAILED', media_url = NULL WHERE id = :id")
            .param("id", attachmentId).update();
        log.info("Attachment {} of message {} was not stored ({})", attachmentId, row.id(),
            refused.getClass().getSimpleName());
      } catch (IOException | RuntimeException e) {
        log.warn("Fetching attachment {} of message {} failed ({}); retried", attachmentId, row.id(),
            e.getClass().getSimpleName());
        done = false;
      }
    }
    return done;
  }

  private FetchedMedia fetch(Row row, String source, String contentType, String fileName) throws IOException {
    if (source.startsWith("data:")) {
      int comma = source.indexOf(',');
      String header = source.substring(5, comma);
      String type = header.endsWith(";base64") ? header.substring(0, header.length() - 7) : header;
      return new FetchedMedia(Base64.getDecoder().decode(source.substring(comma + 1)), type, fileName);
    }
    ChannelAccount account = accounts.anyById(row.accountId()).orElseThrow().account();
    MediaFetcher fetcher = fetchers.stream().filter(f -> f.supports(account)).findFirst()
        .orElseThrow(() -> new UnsupportedMedia("No media fetcher for provider " + account.provider()));
    return fetcher.fetch(account, source);
  }

  static final class UnsupportedMedia extends RuntimeException {
    UnsupportedMedia(String message) {
      super(message);
    }
  }

  // ---- step 3: correlate ----------------------------------------------------------------------------------------

  /** @return true when the case process took the message (or the message started the case) */
  private boolean correlate(Row first) {
    Boolean done = transaction.execute(s -> {
      Row row = lock(first.id()).orElse(null);
      if (row == null || !"RECEIVED".equals(row.state()) || row.correlatedAt() != null) {
        return true;
      }
      CaseRecord c = usable(row.caseId()).orElse(null);
      Instant now = clock.instant();
      if (c == null) {
        // Deleted meanwhile: the message stays where it is (deleted with its case), nothing to tell a process.
        markCorrelated(row.id(), now);
        return true;
      }
      if (c.status() == CaseStatus.CLOSED) {
        Optional<CaseRecord> reopened = openOrReopened(c);
        if (reopened.isEmpty()) {
          // Closed for good while the message waited: it starts a case of its own, like any later message would.
          ChannelAccount account = accounts.anyById(row.accountId()).orElseThrow().account();
          CaseRecord started = startCase(row, row.contactId(), account);
          moveToCase(row, started, row.contactId(), now, now);
          String conversationId = conversations.findOrCreate(row.tenantId(), row.channel(), row.accountId(),
              row.contactId(), started.id(), now);
          jdbc.sql("UPDATE message SET conversation_id = :conv WHERE id = :id")
              .param("conv", conversationId).param("id", row.id()).update();
          conversations.messageAdded(conversationId, row.id(), row.createdAt(), true, now);
          return true;
        }
        c = reopened.get();
      }
      if (process.signal(c, CaseEvent.INTERACTION_RECEIVED, Map.of(Variables.INTERACTION_ID, row.id()))) {
        markCorrelated(row.id(), now);
        return true;
      }
      return false;
    });
    return Boolean.TRUE.equals(done);
  }

  private void markCorrelated(String id, Instant now) {
    jdbc.sql("UPDATE message SET correlated_at = :now, updated_at = :now WHERE id = :id")
        .param("id", id).param("now", ts(now)).update();
  }

  // ---- retries --------------------------------------------------------------------------------------------------

  private Outcome retry(Row row, String error, boolean parked) {
    int attempts = row.attempts() + 1;
    Duration delay = backoff(attempts);
    boolean fail = !parked && error != null && attempts >= properties.processing().maxAttempts();
    Instant now = clock.instant();
    transaction.executeWithoutResult(s -> jdbc.sql("""
        UPDATE message SET attempts = :attempts, next_attempt_at = :next, state = :state, error_code = :code,
          error_reason = :reason, updated_at = :now
        WHERE id = :id AND state = 'RECEIVED'
        """).param("id", row.id()).param("attempts", attempts)
        .param("next", fail ? null : ts(now.plus(delay))).param("state", fail ? "FAILED" : "RECEIVED")
        .param("code", parked ? "PROCESS_NOT_WAITING" : error == null ? null : "PROCESSING_ERROR")
        .param("reason", error == null ? null : truncate(error))
        .param("now", ts(now)).update());
    if (fail) {
      log.error("Inbound message {} FAILED after {} attempts ({}); an operator must look at it", row.id(), attempts,
          error);
      return Outcome.FAILED;
    }
    return parked ? Outcome.PARKED : Outcome.RETRY;
  }

  Duration backoff(int attempts) {
    Duration initial = properties.processing().initialBackoff();
    Duration max = properties.processing().maxBackoff();
    int shift = Math.min(Math.max(attempts - 1, 0), 20);
    Duration delay = initial.multipliedBy(1L << shift);
    return delay.compareTo(max) > 0 ? max : delay;
  }

  private static String truncate(String s) {
    return s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH);
  }

  // ---- rows -----------------------------------------------------------------------------------------------------

  record Row(String id, String tenantId, Channel channel, String direction, String accountId, String caseId,
      String contactId, String state, int attempts, String inReplyTo, String threadRefs, Instant correlatedAt,
      Instant createdAt, String sender, String senderName) {
  }

  private Optional<Row> load(String id) {
    return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(InboundProcessor::map).optional();
  }

  private Optional<Row> lock(String id) {
    return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(InboundProcessor::map).optional();
  }

  private static final String SELECT = """
      SELECT id, tenant_id, channel, direction, account_id, case_id, contact_id, state, attempts, in_reply_to,
        thread_refs, correlated_at, created_at, sender, sender_name FROM message""";

  private static Row map(ResultSet rs, int n) throws SQLException {
    return new Row(rs.getString("id"), rs.getString("tenant_id"), Channel.valueOf(rs.getString("channel")),
        rs.getString("direction"), rs.getString("account_id"), rs.getString("case_id"), rs.getString("contact_id"),
        rs.getString("state"), rs.getInt("attempts"), rs.getString("in_reply_to"), rs.getString("thread_refs"),
        instant(rs, "correlated_at"), instant(rs, "created_at"), rs.getString("sender"), rs.getString("sender_name"));
  }
}
