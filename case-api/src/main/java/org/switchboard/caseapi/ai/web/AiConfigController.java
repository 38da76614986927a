package org.switchboard.caseapi.ai.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.ai.config.AiServiceIds;
import org.switchboard.caseapi.ai.config.AiServiceView;
import org.switchboard.caseapi.ai.config.AiServicesQuery;
import org.switchboard.caseapi.ai.config.ConfigureAiServiceUseCase;
import org.switchboard.caseapi.ai.config.ProviderChoice;
import org.switchboard.caseapi.ai.config.QuotaPeriod;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.workers.ai.AiService;

@RestController
@RequestMapping("/api/v1/config/ai-services")
@Tag(name = "AI services", description = "Per-organisation toggles, provider chains, redaction and quotas of AI services")
public class AiConfigController {

  private final AiServicesQuery query;
  private final ConfigureAiServiceUseCase configure;
  private final AiTenants tenants;

  public AiConfigController(AiServicesQuery query, ConfigureAiServiceUseCase configure, AiTenants tenants) {
    this.query = query;
    this.configure = configure;
    this.tenants = tenants;
  }

  @GetMapping
  @Operation(summary = "Every AI service of an organisation: enabled, provider chain with availability, quota, usage")
  public AiServiceView.TenantServices list(@RequestParam(required = false) String tenantId) {
    return query.all(tenants.resolve(tenantId));
  }

  @PutMapping("/{serviceId}/toggle")
  @Operation(summary = "Switch an AI service on or off for an organisation (effective on the next call)")
  public AiServiceView toggle(@PathVariable String serviceId, @RequestParam(required = false) String tenantId,
      @Valid @RequestBody ToggleRequest request) {
    String tenant = tenants.resolve(tenantId);
    AiService service = service(serviceId);
    configure.toggle(tenant, service, request.enabled());
    return query.one(tenant, service);
  }

  @PutMapping("/{serviceId}")
  @Operation(summary = "Replace an AI service's configuration: provider chain (fallback order), settings with "
      + "secret references (environment variable names), redaction, quota")
  public AiServiceView update(@PathVariable String serviceId, @RequestParam(required = false) String tenantId,
      @Valid @RequestBody UpdateRequest request) {
    String tenant = tenants.resolve(tenantId);
    AiService service = service(serviceId);
    List<ProviderChoice> chain = request.providers().stream()
        .map(p -> p == null ? null : new ProviderChoice(p.id(), p.settings(), p.secretRefs())).toList();
    QuotaRequest quota = request.quota();
    configure.update(tenant, service, new ConfigureAiServiceUseCase.Change(request.enabled(), chain,
        request.redaction(), quota == null ? null : quota.limit(), quota == null ? null : quota.period(),
        request.version()));
    return query.one(tenant, service);
  }

  private static AiService service(String id) {
    return AiServiceIds.parse(id).orElseThrow(() -> ApiException.notFound("AI service", id));
  }

  public record ToggleRequest(@NotNull Boolean enabled) {
  }

  /**
   * @param providers the chain in order; the first available provider answers, the next ones are fallbacks
   * @param version the version read, to refuse (409) a save over someone else's change; optional
   */
  public record UpdateRequest(
      Boolean enabled,
      @NotNull List<@Valid ProviderRequest> providers,
      @NotNull Boolean redaction,
      @Valid QuotaRequest quota,
      @Min(0) Integer version) {
  }

  /**
   * @param settings non-secret settings, e.g. {@code baseUrl}, {@code model}, {@code timeoutMs}
   * @param secretRefs setting name → NAME of the environment variable holding the secret
   */
  public record ProviderRequest(@NotNull @Size(min = 1, max = 64) String id, Map<String, String> settings,
      Map<String, String> secretRefs) {
  }

  /** @param limit requests per period; null for no quota */
  public record QuotaRequest(Integer limit, QuotaPeriod period) {
  }
}
