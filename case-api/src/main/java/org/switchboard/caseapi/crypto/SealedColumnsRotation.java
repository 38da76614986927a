package org.switchboard.caseapi.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-seals {@link FieldCipher} columns of one table that still use a retiring data key. Each changed row is
 * written with compare-and-set on the old ciphertexts, so a concurrent edit wins and the row is picked up
 * again by the next pass. Subclasses name the table, its columns and whose data key seals a row.
 */
public abstract class SealedColumnsRotation implements KeyRotationParticipant {

  private static final int BATCH = 200;

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final TransactionTemplate transaction;
  private final String table;
  private final String idColumn;
  private final List<String> columns;

  protected SealedColumnsRotation(JdbcClient jdbc, FieldCipher cipher, TransactionTemplate transaction,
      String table, String idColumn, List<String> columns) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.transaction = transaction;
    this.table = table;
    this.idColumn = idColumn;
    this.columns = List.copyOf(columns);
  }

  /** The data key owner of a row, e.g. the case it belongs to; the row holds the id and every column read. */
  protected abstract Subject subjectOf(Map<String, Object> row);

  /** Extra columns {@link #subjectOf} needs. */
  protected abstract List<String> subjectColumns();

  @Override
  public Pass reseal(String tenantId, Set<String> retiring) {
    List<String> selected = new ArrayList<>();
    selected.add(idColumn);
    selected.addAll(subjectColumns());
    selected.addAll(columns);
    String select = "SELECT " + String.join(", ", selected) + " FROM " + table
        + " WHERE tenant_id = :t AND " + idColumn + " > :after ORDER BY " + idColumn + " LIMIT :n";
    int found = 0;
    int written = 0;
    String after = "";
    while (true) {
      List<Map<String, Object>> rows = jdbc.sql(select).param("t", tenantId).param("after", after)
          .param("n", BATCH).query().listOfRows();
      if (rows.isEmpty()) {
        return new Pass(found, written);
      }
      for (Map<String, Object> row : rows) {
        if (columns.stream().anyMatch(c -> stale((String) row.get(c), retiring))) {
          found++;
          written += resealRow(tenantId, row);
        }
      }
      after = (String) rows.get(rows.size() - 1).get(idColumn);
    }
  }

  private int resealRow(String tenantId, Map<String, Object> row) {
    String id = (String) row.get(idColumn);
    Subject subject = subjectOf(row);
    StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
    StringBuilder where = new StringBuilder(" WHERE ").append(idColumn).append(" = :id");
    List<Object[]> params = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      String old = (String) row.get(column);
      String fresh = old == null ? null
          : cipher.encrypt(new FieldRef(table, id, column, tenantId), subject,
              cipher.decrypt(new FieldRef(table, id, column, tenantId), old));
      sql.append(i == 0 ? "" : ", ").append(column).append(" = :new").append(i);
      where.append(" AND ").append(column).append(" IS NOT DISTINCT FROM :old").append(i);
      params.add(new Object[] {"new" + i, fresh});
      params.add(new Object[] {"old" + i, old});
    }
    return transaction.execute(s -> {
      var statement = jdbc.sql(sql.append(where).toString()).param("id", id);
      for (Object[] p : params) {
        statement = statement.param((String) p[0], p[1]);
      }
      return statement.update();
    });
  }

  private static boolean stale(String stored, Set<String> retiring) {
    return stored != null && FieldCipher.keyIdOf(stored).map(retiring::contains).orElse(false);
  }
}
