package org.switchboard.caseapi.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Where a ciphertext belongs: table, row, field and tenant. It is the GCM associated data, so a
 * ciphertext copied to another row, field or tenant does not decrypt.
 */
public record FieldRef(String table, String rowId, String field, String tenantId) {

  public FieldRef {
    if (table == null || rowId == null || field == null || tenantId == null) {
      throw new IllegalArgumentException("Table, row id, field and tenant are all part of the associated data");
    }
  }

  /** Length-prefixed so no two different references encode alike. */
  byte[] associatedData(String format, String keyId) {
    StringBuilder out = new StringBuilder();
    for (String part : new String[] {format, keyId, table, rowId, field, tenantId}) {
      out.append(part.length()).append(':').append(part).append(';');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return table + "/" + rowId + "/" + field + " (tenant " + tenantId + ")";
  }
}
