package org.switchboard.caseapi.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2's triggers for the append-only audit tables (db/vendor/h2/V8, V22); PostgreSQL has PL/pgSQL twins. */
public final class H2AuditTriggers {

  private H2AuditTriggers() {
  }

  /** Refuses every UPDATE and DELETE of audit_event. */
  public static final class AppendOnly implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
      throw new SQLException("audit_event is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused",
          "42501");
    }
  }

  /** Lets audit_chain_head (id, last_seq, last_hash) advance onto an existing row only. */
  public static final class HeadForwardOnly implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
      if (newRow == null) {
        throw new SQLException("audit_chain_head: DELETE refused", "42501");
      }
      long oldSeq = ((Number) oldRow[1]).longValue();
      long newSeq = ((Number) newRow[1]).longValue();
      if (!oldRow[0].equals(newRow[0]) || newSeq <= oldSeq || !rowExists(conn, newSeq, (String) newRow[2])) {
        throw new SQLException("audit_chain_head may only advance to an existing row", "42501");
      }
    }

    private static boolean rowExists(Connection conn, long seq, String hash) throws SQLException {
      try (PreparedStatement st = conn.prepareStatement("SELECT 1 FROM audit_event WHERE seq = ? AND hash = ?")) {
        st.setLong(1, seq);
        st.setString(2, hash);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next();
        }
      }
    }
  }

  /**
   * Refuses every UPDATE of audit_event, and every DELETE except of rows below the retention anchor
   * (audit_chain_anchor.first_seq, as this transaction sees it).
   */
  public static final class AppendOnlyAboveAnchor implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
      long seq = ((Number) oldRow[0]).longValue();
      if (newRow == null && seq < anchorFirstSeq(conn)) {
        return;
      }
      throw new SQLException("audit_event is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " of seq "
          + seq + " refused (only rows below the retention anchor may be deleted)", "42501");
    }

    private static long anchorFirstSeq(Connection conn) throws SQLException {
      try (PreparedStatement st = conn.prepareStatement("SELECT first_seq FROM audit_chain_anchor WHERE id = 1");
          ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 1;
      }
    }
  }

  /**
   * Lets audit_chain_anchor (id, first_seq, prev_hash, purged_at, purge_count, purged_rows) advance, one purge
   * at a time, onto an existing row whose prev_hash it names.
   */
  public static final class AnchorForwardOnly implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
      if (newRow == null) {
        throw new SQLException("audit_chain_anchor: DELETE refused", "42501");
      }
      long oldSeq = ((Number) oldRow[1]).longValue();
      long newSeq = ((Number) newRow[1]).longValue();
      long oldCount = ((Number) oldRow[4]).longValue();
      long newCount = ((Number) newRow[4]).longValue();
      long oldRows = ((Number) oldRow[5]).longValue();
      long newRows = ((Number) newRow[5]).longValue();
      if (!oldRow[0].equals(newRow[0]) || newSeq <= oldSeq || newCount != oldCount + 1 || newRows <= oldRows
          || newRow[3] == null || !rowPointsAt(conn, newSeq, (String) newRow[2])) {
        throw new SQLException("audit_chain_anchor may only advance onto an existing row whose prev_hash it names",
            "42501");
      }
    }

    private static boolean rowPointsAt(Connection conn, long seq, String prevHash) throws SQLException {
      try (PreparedStatement st = conn.prepareStatement(
          "SELECT 1 FROM audit_event WHERE seq = ? AND prev_hash = ?")) {
        st.setLong(1, seq);
        st.setString(2, prevHash);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next();
        }
      }
    }
  }
}
