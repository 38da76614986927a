package org.switchboard.caseapi.crypto;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Card numbers in the vault are sealed under their case's data key and re-sealed when it retires. */
@Component
public class CardVaultKeyRotation extends SealedColumnsRotation {

  public CardVaultKeyRotation(JdbcClient jdbc, FieldCipher cipher, TransactionTemplate transaction) {
    super(jdbc, cipher, transaction, CardVault.TABLE, "token", List.of("pan"));
  }

  @Override
  protected Subject subjectOf(Map<String, Object> row) {
    return Subject.ofCase((String) row.get("case_id"));
  }

  @Override
  protected List<String> subjectColumns() {
    return List.of("case_id");
  }
}
