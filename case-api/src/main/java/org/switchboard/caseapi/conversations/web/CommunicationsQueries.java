package org.switchboard.caseapi.conversations.web;

import static org.switchboard.caseapi.shared.Jdbc.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.cases.CaseVisibility;
import org.switchboard.caseapi.contacts.Contact;
import org.switchboard.caseapi.contacts.ContactAccess;
import org.switchboard.caseapi.conversations.store.ConversationRepository;
import org.switchboard.caseapi.conversations.store.MessageCipher;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.masking.MaskingPolicy;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;
import org.switchboard.workers.channels.Channel;

/**
 * The unified inbox and the cross-channel timeline, for a caller: only conversations and messages of cases they
 * may see ({@link CaseVisibility}, restricted cases included), of their organisations. Reads are audited with the
 * ids shown. Contact handles are masked for callers who do not see contact identities in clear.
 */
@Component
public class CommunicationsQueries {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;
  static final int PREVIEW_LENGTH = 120;

  private final JdbcClient jdbc;
  private final CaseAccess caseAccess;
  private final ContactAccess contactAccess;
  private final ConversationRepository conversations;
  private final MessageCipher cipher;
  private final MaskingPolicy masking;
  private final AuditRecorder audit;
  private final java.time.Clock clock;

  public CommunicationsQueries(JdbcClient jdbc, CaseAccess caseAccess, ContactAccess contactAccess,
      ConversationRepository conversations, MessageCipher cipher, MaskingPolicy masking, AuditRecorder audit,
      java.time.Clock clock) {
    this.jdbc = jdbc;
    this.caseAccess = caseAccess;
    this.contactAccess = contactAccess;
    this.conversations = conversations;
    this.cipher = cipher;
    this.masking = masking;
    this.audit = audit;
    this.clock = clock;
  }

  public record InboxParams(String channel, String caseId, String team, String assignee, Boolean unreadOnly,
      Integer page, Integer size) {
  }

  /** A conversation in the inbox; {@code preview} is the start of its last message. */
  public record InboxItem(String conversationId, String channel, String accountId, String caseId, String contactId,
      String caseStatus, String team, String assignee, int unreadCount, String lastMessageId,
      String lastMessageDirection, String preview, Instant lastMessageAt, Instant lastInboundAt) {
  }

  public record AttachmentView(String id, String documentId, String contentType, String fileName, String state) {
  }

  /**
   * @param sender inbound: the sender's handle (masked unless the caller sees contact identities); outbound: the
   *     agent's user id
   * @param recipient outbound: the recipient's handle, masked likewise
   */
  public record MessageView(String id, String caseId, String contactId, String conversationId, String channel,
      String direction, String state, String sender, String recipient, String subject, String body,
      String templateName, String errorCode, Instant createdAt, Instant sentAt, Instant deliveredAt, Instant readAt,
      List<AttachmentView> attachments) {
  }

  public Page<InboxItem> inbox(InboxParams p) {
    CurrentUser user = CurrentUser.get();
    List<FieldError> errors = new ArrayList<>();
    Channel channel = null;
    if (p.channel() != null && !p.channel().isBlank()) {
      try {
        channel = Channel.valueOf(p.channel().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("channel", "must be one of " + List.of(Channel.values())));
      }
    }
    int page = p.page() == null ? 0 : p.page();
    int size = p.size() == null ? DEFAULT_SIZE : p.size();
    if (page < 0) {
      errors.add(new FieldError("page", "must be 0 or more"));
    }
    if (size < 1 || size > MAX_SIZE) {
      errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Map<String, Object> params = new HashMap<>();
    StringBuilder where = new StringBuilder(" FROM conversation cv JOIN case_record ON case_record.id = cv.case_id"
        + " WHERE case_record.deleted_at IS NULL");
    if (!user.isAdmin()) {
      if (user.tenantIds().isEmpty()) {
        return new Page<>(List.of(), page, size, 0);
      }
      where.append(" AND cv.tenant_id IN (:tenants)");
      params.put("tenants", new ArrayList<>(user.tenantIds()));
    }
    CaseVisibility.Viewer viewer = CaseVisibility.viewerOf(user);
    if (viewer != null) {
      where.append(" AND ").append(CaseVisibility.predicate(viewer, params));
    }
    if (channel != null) {
      where.append(" AND cv.channel = :channel");
      params.put("channel", channel.name());
    }
    if (blank(p.caseId()) == null) {
      // no case filter
    } else {
      where.append(" AND cv.case_id = :caseId");
      params.put("caseId", p.caseId().strip());
    }
    if (blank(p.team()) != null) {
      where.append(" AND case_record.team = :team");
      params.put("team", p.team().strip());
    }
    if (blank(p.assignee()) != null) {
      where.append(" AND case_record.assignee = :assignee");
      params.put("assignee", p.assignee().strip());
    }
    if (Boolean.TRUE.equals(p.unreadOnly())) {
      where.append(" AND cv.unread_count > 0");
    }
    long total = jdbc.sql("SELECT COUNT(*)" + where).params(params).query(Long.class).single();
    params.put("limit", size);
    params.put("offset", (long) page * size);
    List<Map<String, Object>> rows = jdbc.sql("""
        SELECT cv.id, cv.tenant_id, cv.channel, cv.account_id, cv.case_id, cv.contact_id, cv.unread_count,
          cv.last_message_id, cv.last_message_at, cv.last_inbound_at, case_record.status AS case_status,
          case_record.team, case_record.assignee, lm.direction AS last_direction, lm.body AS last_body
        """ + where.toString().replaceFirst(" WHERE ", " LEFT JOIN message lm ON lm.id = cv.last_message_id WHERE ")
            + " ORDER BY cv.last_message_at DESC, cv.id LIMIT :limit OFFSET :offset")
        .params(params).query().listOfRows();
    List<InboxItem> items = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      String lastId = (String) r.get("last_message_id");
      String preview = lastId == null ? null : preview(cipher.open(MessageCipher.MESSAGE, lastId, "body",
          (String) r.get("tenant_id"), (String) r.get("last_body")));
      items.add(new InboxItem((String) r.get("id"), (String) r.get("channel"), (String) r.get("account_id"),
          (String) r.get("case_id"), (String) r.get("contact_id"), (String) r.get("case_status"),
          (String) r.get("team"), (String) r.get("assignee"), ((Number) r.get("unread_count")).intValue(), lastId,
          (String) r.get("last_direction"), preview, toInstant(r.get("last_message_at")),
          toInstant(r.get("last_inbound_at"))));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("count", items.size());
    details.put("total", total);
    details.put("conversationIds", items.stream().map(InboxItem::conversationId).toList());
    String tenant = user.tenantIds().size() == 1 && !user.isAdmin() ? user.tenantIds().iterator().next() : null;
    audit.success(AuditActions.CONVERSATIONS_LISTED, tenant, "conversation", null, details);
    return new Page<>(items, page, size, total);
  }

  /** Messages of a case (and of cases merged into it) or of a contact, oldest first. */
  public Page<MessageView> timeline(String caseId, String contactId, Integer pageParam, Integer sizeParam) {
    CurrentUser user = CurrentUser.get();
    List<FieldError> errors = new ArrayList<>();
    if (blank(caseId) == null && blank(contactId) == null) {
      errors.add(new FieldError("caseId", "caseId or contactId is required"));
    }
    if (blank(caseId) != null && blank(contactId) != null) {
      errors.add(new FieldError("contactId", "give either caseId or contactId, not both"));
    }
    int page = pageParam == null ? 0 : pageParam;
    int size = sizeParam == null ? 50 : sizeParam;
    if (page < 0) {
      errors.add(new FieldError("page", "must be 0 or more"));
    }
    if (size < 1 || size > 200) {
      errors.add(new FieldError("size", "must be between 1 and 200"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    String tenantId;
    String objectType;
    String objectId;
    List<String> caseIds;
    if (blank(caseId) != null) {
      CaseRecord c = caseAccess.require(caseId.strip());
      tenantId = c.tenantId();
      objectType = "case";
      objectId = c.id();
      caseIds = new ArrayList<>(jdbc.sql("SELECT id FROM case_record WHERE merged_into_case_id = :c")
          .param("c", c.id()).query(String.class).list());
      caseIds.add(c.id());
    } else {
      Contact contact = contactAccess.require(contactId.strip());
      tenantId = contact.tenantId();
      objectType = "contact";
      objectId = contact.id();
      List<String> ofContact = jdbc.sql("SELECT DISTINCT case_id FROM message WHERE contact_id = :c AND tenant_id = :t"
          + " AND case_id IS NOT NULL").param("c", contact.id()).param("t", contact.tenantId())
          .query(String.class).list();
      Set<String> visible = caseAccess.visibleAmong(user, ofContact);
      caseIds = ofContact.stream().filter(visible::contains).filter(id -> notDeleted(id)).toList();
    }
    if (caseIds.isEmpty()) {
      auditTimeline(tenantId, objectType, objectId, List.of());
      return new Page<>(List.of(), page, size, 0);
    }
    String filter = " FROM message WHERE tenant_id = :t AND case_id IN (:cases)"
        + ("contact".equals(objectType) ? " AND contact_id = :contact" : "");
    var count = jdbc.sql("SELECT COUNT(*)" + filter).param("t", tenantId).param("cases", caseIds);
    var select = jdbc.sql("SELECT *" + filter + " ORDER BY created_at, id LIMIT :limit OFFSET :offset")
        .param("t", tenantId).param("cases", caseIds).param("limit", size).param("offset", (long) page * size);
    if ("contact".equals(objectType)) {
      count = count.param("contact", objectId);
      select = select.param("contact", objectId);
    }
    long total = count.query(Long.class).single();
    boolean clear = masking.seesContactIdentity(user);
    List<MessageView> messages = select.query((rs, n) -> message(rs, clear)).list();
    Map<String, List<AttachmentView>> attachments = attachments(messages.stream().map(MessageView::id).toList());
    List<MessageView> withAttachments = messages.stream().map(m -> new MessageView(m.id(), m.caseId(), m.contactId(),
        m.conversationId(), m.channel(), m.direction(), m.state(), m.sender(), m.recipient(), m.subject(), m.body(),
        m.templateName(), m.errorCode(), m.createdAt(), m.sentAt(), m.deliveredAt(), m.readAt(),
        attachments.getOrDefault(m.id(), List.of()))).toList();
    auditTimeline(tenantId, objectType, objectId, withAttachments.stream().map(MessageView::id).toList());
    return new Page<>(withAttachments, page, size, total);
  }

  /** Sets the conversation's unread count to 0. */
  public Map<String, Object> markRead(String conversationId) {
    ConversationRepository.Conversation conversation = conversations.findById(conversationId)
        .filter(c -> CurrentUser.get().canAccessTenant(c.tenantId()))
        .orElseThrow(() -> ApiException.notFound("Conversation", conversationId));
    if (conversation.caseId() == null) {
      throw ApiException.notFound("Conversation", conversationId);
    }
    try {
      caseAccess.require(conversation.caseId());
    } catch (ApiException e) {
      throw ApiException.notFound("Conversation", conversationId);
    }
    conversations.markRead(conversation.id(), clock.instant());
    audit.success(AuditActions.CONVERSATION_READ, conversation.tenantId(), "conversation", conversation.id(),
        Map.of("caseId", conversation.caseId(), "unreadBefore", conversation.unreadCount()));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", conversation.id());
    result.put("caseId", conversation.caseId());
    result.put("unreadCount", 0);
    return result;
  }

  private boolean notDeleted(String caseId) {
    return jdbc.sql("SELECT COUNT(*) FROM case_record WHERE id = :id AND deleted_at IS NULL").param("id", caseId)
        .query(Long.class).single() > 0;
  }

  private void auditTimeline(String tenantId, String objectType, String objectId, List<String> messageIds) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("count", messageIds.size());
    details.put("messageIds", messageIds);
    audit.success(AuditActions.MESSAGES_VIEWED, tenantId, objectType, objectId, details);
  }

  private MessageView message(ResultSet rs, boolean clear) throws SQLException {
    String id = rs.getString("id");
    String tenantId = rs.getString("tenant_id");
    boolean inbound = "INBOUND".equals(rs.getString("direction"));
    String sender = cipher.open(MessageCipher.MESSAGE, id, "sender", tenantId, rs.getString("sender"));
    String recipient = cipher.open(MessageCipher.MESSAGE, id, "recipient", tenantId, rs.getString("recipient"));
    if (!clear) {
      if (inbound) {
        sender = mask(sender);
      } else {
        recipient = mask(recipient);
      }
    }
    return new MessageView(id, rs.getString("case_id"), rs.getString("contact_id"), rs.getString("conversation_id"),
        rs.getString("channel"), rs.getString("direction"), rs.getString("state"), sender, recipient,
        cipher.open(MessageCipher.MESSAGE, id, "subject", tenantId, rs.getString("subject")),
        cipher.open(MessageCipher.MESSAGE, id, "body", tenantId, rs.getString("body")),
        rs.getString("template_name"), rs.getString("error_code"), instant(rs, "created_at"),
        instant(rs, "sent_at"), instant(rs, "delivered_at"), instant(rs, "read_at"), List.of());
  }

  private Map<String, List<AttachmentView>> attachments(List<String> messageIds) {
    if (messageIds.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("""
        SELECT id, message_id, document_id, content_type, file_name, state FROM message_attachment
        WHERE message_id IN (:ids) ORDER BY created_at, id
        """).param("ids", messageIds)
        .query((rs, n) -> Map.entry(rs.getString("message_id"), new AttachmentView(rs.getString("id"),
            rs.getString("document_id"), rs.getString("content_type"), rs.getString("file_name"),
            rs.getString("state"))))
        .list().stream()
        .collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  static String mask(String handle) {
    if (handle == null) {
      return null;
    }
    return handle.contains("@") ? MaskingPolicy.maskEmail(handle)
        : handle.matches("\\+?[0-9 ()-]{6,}") ? MaskingPolicy.maskPhone(handle) : MaskingPolicy.MASK;
  }

  private static String preview(String body) {
    if (body == null) {
      return null;
    }
    String oneLine = body.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= PREVIEW_LENGTH ? oneLine : oneLine.substring(0, PREVIEW_LENGTH) + "…";
  }

  private static Instant toInstant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof Instant i) {
      return i;
    }
    return java.time.OffsetDateTime.parse(value.toString()).toInstant();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
