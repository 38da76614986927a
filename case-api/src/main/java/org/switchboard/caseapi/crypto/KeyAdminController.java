package org.switchboard.caseapi.crypto;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.caseapi.web.ApiException;

@RestController
@RequestMapping("/api/v1/admin/keys")
@Tag(name = "Key management", description = "Encryption key rotation (administrators)")
public class KeyAdminController {

  private final RotateTenantKeysUseCase rotate;
  private final TenantDirectory tenants;

  public KeyAdminController(RotateTenantKeysUseCase rotate, TenantDirectory tenants) {
    this.rotate = rotate;
    this.tenants = tenants;
  }

  /** @param dataKeys also replace the data keys and re-encrypt the tenant's data (default true) */
  public record RotateKeysRequest(Boolean dataKeys) {
  }

  @PostMapping("/{tenantId}/rotate")
  @Operation(summary = "Rotate a tenant's keys",
      description = "Makes a new key-encryption key current and re-wraps the tenant's data keys; with dataKeys "
          + "(default) also replaces every data key and re-encrypts the rows in batches while the tenant keeps "
          + "working. Returns when done. Audited as KEY_ROTATED.")
  public RotateTenantKeysUseCase.Result rotate(@PathVariable String tenantId,
      @RequestBody(required = false) RotateKeysRequest request, HttpServletRequest http) {
    CurrentUser user = CurrentUser.get();
    if (!user.isAdmin()) {
      throw ApiException.forbidden("Only administrators may rotate keys");
    }
    if (tenants.find(tenantId).isEmpty()) {
      throw ApiException.notFound("Tenant", tenantId);
    }
    boolean dataKeys = request == null || request.dataKeys() == null || request.dataKeys();
    return rotate.rotate(tenantId, dataKeys, user.userId(), http.getRemoteAddr(), http.getHeader("User-Agent"));
  }
}
