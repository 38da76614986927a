package org.switchboard.caseapi.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2's triggers for the append-only audit tables (db/vendor/h2/V8); PostgreSQL has PL/pgSQL twins. */
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
}
