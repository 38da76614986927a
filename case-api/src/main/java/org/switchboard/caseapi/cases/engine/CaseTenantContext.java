package org.switchboard.caseapi.cases.engine;

import java.util.function.Supplier;

/**
 * Carries the tenant of the case being started into the engine's {@link CaseTenantIdProvider}, so
 * instances of shared (tenant-less) definitions still belong to the case's tenant.
 */
public final class CaseTenantContext {

  private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

  private CaseTenantContext() {
  }

  public static <T> T callAs(String tenantId, Supplier<T> action) {
    String previous = TENANT.get();
    TENANT.set(tenantId);
    try {
      return action.get();
    } finally {
      if (previous == null) {
        TENANT.remove();
      } else {
        TENANT.set(previous);
      }
    }
  }

  static String current() {
    return TENANT.get();
  }
}
