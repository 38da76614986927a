package org.switchboard.caseapi.conversations.outbound.templates;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;
import static org.switchboard.caseapi.shared.JsonStringLists.fromJson;
import static org.switchboard.caseapi.shared.JsonStringLists.toJson;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.workers.channels.Channel;

@Repository
public class MessageTemplateRepository {

  private final JdbcClient jdbc;

  public MessageTemplateRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(MessageTemplate t) {
    jdbc.sql("""
        INSERT INTO message_template (id, tenant_id, channel, name, language, body, provider_template_name,
          parameter_order, created_at, created_by, updated_at, updated_by, version)
        VALUES (:id, :t, :channel, :name, :lang, :body, :provider, :params, :at, :by, :at, :by, 1)
        """)
        .param("id", t.id()).param("t", t.tenantId()).param("channel", t.channel().name()).param("name", t.name())
        .param("lang", t.language()).param("body", t.body()).param("provider", t.providerTemplateName())
        .param("params", t.parameterOrder().isEmpty() ? null : toJson(t.parameterOrder()))
        .param("at", ts(t.createdAt())).param("by", t.createdBy())
        .update();
  }

  /** Optimistic: false when the stored version is not {@code t.version() - 1}. */
  public boolean update(MessageTemplate t) {
    return jdbc.sql("""
        UPDATE message_template SET channel = :channel, name = :name, language = :lang, body = :body,
          provider_template_name = :provider, parameter_order = :params, updated_at = :at, updated_by = :by,
          version = :version
        WHERE id = :id AND version = :previous
        """)
        .param("id", t.id()).param("channel", t.channel().name()).param("name", t.name())
        .param("lang", t.language()).param("body", t.body()).param("provider", t.providerTemplateName())
        .param("params", t.parameterOrder().isEmpty() ? null : toJson(t.parameterOrder()))
        .param("at", ts(t.updatedAt())).param("by", t.updatedBy())
        .param("version", t.version()).param("previous", t.version() - 1)
        .update() == 1;
  }

  public boolean delete(String id) {
    return jdbc.sql("DELETE FROM message_template WHERE id = :id").param("id", id).update() == 1;
  }

  public Optional<MessageTemplate> find(String id) {
    return jdbc.sql("SELECT * FROM message_template WHERE id = :id").param("id", id).query(this::map).optional();
  }

  public boolean exists(String tenantId, Channel channel, String name, String language, String exceptId) {
    return jdbc.sql("""
        SELECT COUNT(*) FROM message_template
        WHERE tenant_id = :t AND channel = :c AND name = :n AND language = :l AND id <> :id
        """).param("t", tenantId).param("c", channel.name()).param("n", name).param("l", language)
        .param("id", exceptId == null ? "" : exceptId).query(Integer.class).single() > 0;
  }

  public List<MessageTemplate> list(String tenantId, Channel channel) {
    String sql = "SELECT * FROM message_template WHERE tenant_id = :t"
        + (channel == null ? "" : " AND channel = :c") + " ORDER BY channel, name, language";
    var statement = jdbc.sql(sql).param("t", tenantId);
    if (channel != null) {
      statement = statement.param("c", channel.name());
    }
    return statement.query(this::map).list();
  }

  private MessageTemplate map(ResultSet rs, int n) throws SQLException {
    return new MessageTemplate(rs.getString("id"), rs.getString("tenant_id"), Channel.valueOf(rs.getString("channel")),
        rs.getString("name"), rs.getString("language"), rs.getString("body"), rs.getString("provider_template_name"),
        fromJson(rs.getString("parameter_order")), instant(rs, "created_at"), rs.getString("created_by"),
        instant(rs, "updated_at"), rs.getString("updated_by"), rs.getLong("version"));
  }
}
