package org.switchboard.caseapi.crypto;

import java.util.Set;

/**
 * Data sealed with data keys outside the tables {@link RotateTenantKeysUseCase} knows (e.g. document
 * files): a rotation asks each participant to re-seal what still uses a retiring key.
 */
public interface KeyRotationParticipant {

  /**
   * Re-seals one pass worth of the tenant's data still under one of the {@code retiring} keys.
   *
   * @return how many items were found under retiring keys and how many were re-sealed
   */
  Pass reseal(String tenantId, Set<String> retiring);

  record Pass(int found, int written) {
  }
}
