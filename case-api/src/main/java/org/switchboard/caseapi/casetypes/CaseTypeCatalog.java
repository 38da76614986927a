package org.switchboard.caseapi.casetypes;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.identity.CurrentUser;

/**
 * Which case types exist for whom. A tenant's own type replaces the shared type with the same key,
 * so an organisation can tailor a platform type without renaming it.
 */
@Component
public class CaseTypeCatalog {

  private final CaseTypeRepository repository;

  public CaseTypeCatalog(CaseTypeRepository repository) {
    this.repository = repository;
  }

  /** The active type a case of this tenant gets for the key: the tenant's own, else the shared one. */
  public Optional<CaseType> resolve(String tenantId, String key) {
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    return repository.findOwnedBy(tenantId, key).filter(CaseType::active)
        .or(() -> repository.findShared(key).filter(CaseType::active));
  }

  /** Shared types plus those of the caller's tenants (every type for admins). */
  public List<CaseType> visibleTo(CurrentUser user) {
    return repository.listActive(user.isAdmin() ? null : user.tenantIds());
  }

  /**
   * One type as the caller sees it: for {@code tenantId} when given, else the caller's only tenant's
   * own type when there is exactly one, else the shared type.
   */
  public Optional<CaseType> visibleTo(CurrentUser user, String key, String tenantId) {
    if (tenantId != null) {
      return user.canAccessTenant(tenantId) ? resolve(tenantId, key) : Optional.empty();
    }
    if (user.tenantIds().size() == 1) {
      return resolve(user.tenantIds().iterator().next(), key);
    }
    return repository.findShared(key).filter(CaseType::active);
  }
}
