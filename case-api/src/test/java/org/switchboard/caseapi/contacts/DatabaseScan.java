package org.switchboard.caseapi.contacts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Looks for a value in every text and binary column of every table of the application's schema, the
 * engine's ACT_* tables included (serialized variables and history live in ACT_GE_BYTEARRAY).
 */
public final class DatabaseScan {

  private DatabaseScan() {
  }

  /** "table.column" of every column holding the value. */
  public static List<String> find(JdbcClient jdbc, String value) {
    List<Map<String, Object>> columns = jdbc.sql("""
        SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = current_schema()
          AND data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb')
        ORDER BY table_name, column_name
        """).query().listOfRows();
    List<String> hits = new ArrayList<>();
    for (Map<String, Object> c : columns) {
      String table = (String) c.get("table_name");
      String column = (String) c.get("column_name");
      String sql = "bytea".equals(c.get("data_type"))
          ? "SELECT COUNT(*) FROM \"" + table + "\" WHERE position(CAST(:bytes AS bytea) IN \"" + column + "\") > 0"
          : "SELECT COUNT(*) FROM \"" + table + "\" WHERE CAST(\"" + column + "\" AS TEXT) LIKE :pattern";
      long n = jdbc.sql(sql)
          .param("bytes", value.getBytes(StandardCharsets.UTF_8))
          .param("pattern", "%" + value + "%")
          .query(Long.class).single();
      if (n > 0) {
        hits.add(table + "." + column);
      }
    }
    return hits;
  }

  /** Tables with at least one text column, so a test can show the scan really covers the engine's tables. */
  static List<String> scannedTables(JdbcClient jdbc) {
    return jdbc.sql("""
        SELECT DISTINCT table_name FROM information_schema.columns
        WHERE table_schema = current_schema()
          AND data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb')
        """).query(String.class).list();
  }
}
