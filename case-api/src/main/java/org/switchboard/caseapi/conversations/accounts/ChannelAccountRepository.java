package org.switchboard.caseapi.conversations.accounts;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/** Rows of {@code channel_account}; settings and secret references are JSON objects of strings. */
@Repository
public class ChannelAccountRepository {

  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
  };

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  public ChannelAccountRepository(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** A stored account with what the {@link ChannelAccount} contract leaves out. */
  public record StoredAccount(ChannelAccount account, boolean enabled, Instant createdAt, Instant updatedAt) {
  }

  public void insert(StoredAccount s) {
    ChannelAccount a = s.account();
    jdbc.sql("""
        INSERT INTO channel_account (id, tenant_id, channel, provider, address, case_type, settings, secret_refs,
          enabled, created_at, updated_at)
        VALUES (:id, :t, :channel, :provider, :address, :caseType, :settings, :secrets, :enabled, :created, :updated)
        """)
        .param("id", a.id()).param("t", a.tenantId()).param("channel", a.channel().name())
        .param("provider", a.provider()).param("address", a.address()).param("caseType", a.caseType())
        .param("settings", json(a.settings())).param("secrets", json(a.secretRefs()))
        .param("enabled", s.enabled()).param("created", ts(s.createdAt())).param("updated", ts(s.updatedAt()))
        .update();
  }

  public void update(StoredAccount s) {
    ChannelAccount a = s.account();
    jdbc.sql("""
        UPDATE channel_account SET provider = :provider, address = :address, case_type = :caseType,
          settings = :settings, secret_refs = :secrets, enabled = :enabled, updated_at = :updated
        WHERE id = :id
        """)
        .param("id", a.id()).param("provider", a.provider()).param("address", a.address())
        .param("caseType", a.caseType()).param("settings", json(a.settings())).param("secrets", json(a.secretRefs()))
        .param("enabled", s.enabled()).param("updated", ts(s.updatedAt()))
        .update();
  }

  public Optional<StoredAccount> findById(String id) {
    return jdbc.sql("SELECT * FROM channel_account WHERE id = :id").param("id", id).query(this::map).optional();
  }

  public Optional<StoredAccount> findByIdForUpdate(String id) {
    return jdbc.sql("SELECT * FROM channel_account WHERE id = :id FOR UPDATE").param("id", id)
        .query(this::map).optional();
  }

  public Optional<StoredAccount> findByAddress(Channel channel, String address) {
    return jdbc.sql("SELECT * FROM channel_account WHERE channel = :c AND address = :a")
        .param("c", channel.name()).param("a", address).query(this::map).optional();
  }

  public List<StoredAccount> ofTenant(String tenantId) {
    return jdbc.sql("SELECT * FROM channel_account WHERE tenant_id = :t ORDER BY channel, address")
        .param("t", tenantId).query(this::map).list();
  }

  private StoredAccount map(ResultSet rs, int n) throws SQLException {
    ChannelAccount account = new ChannelAccount(rs.getString("id"), rs.getString("tenant_id"),
        Channel.valueOf(rs.getString("channel")), rs.getString("provider"), rs.getString("address"),
        rs.getString("case_type"), parse(rs.getString("settings")), parse(rs.getString("secret_refs")));
    return new StoredAccount(account, rs.getBoolean("enabled"), instant(rs, "created_at"), instant(rs, "updated_at"));
  }

  private String json(Map<String, String> values) {
    try {
      return mapper.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, String> parse(String json) {
    try {
      return json == null || json.isBlank() ? Map.of() : mapper.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("channel_account JSON is not an object of strings", e);
    }
  }
}
