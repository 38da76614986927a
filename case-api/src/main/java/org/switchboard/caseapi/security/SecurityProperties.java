package org.switchboard.caseapi.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.security.*}: login throttling and auditing, and API rate limits (docs/security.md).
 * The outbound URL allow-list under the same prefix is read by {@link SecurityBeans}.
 */
@ConfigurationProperties("switchboard.security")
public record SecurityProperties(@DefaultValue Login login, @DefaultValue RateLimit rateLimit,
    @DefaultValue Oidc oidc) {

  /**
   * @param maxFailures failed logins per user name and source address allowed within {@code window}; the
   *     next attempt is refused with 429 until the window has passed
   * @param successAuditWindow a user's successful logins are recorded at most once per this period, because
   *     HTTP basic authenticates every request
   */
  public record Login(
      @DefaultValue("5") int maxFailures,
      @DefaultValue("1m") Duration window,
      @DefaultValue("15m") Duration successAuditWindow) {
  }

  /**
   * Bearer tokens (JWT) from an OpenID Connect provider, next to HTTP basic; off unless {@code issuerUri} or
   * {@code jwkSetUri} is set. With only the issuer, its keys are found through OIDC discovery on first use.
   * Both set: keys from {@code jwkSetUri}, and tokens must carry that issuer.
   */
  public record Oidc(
      String issuerUri,
      String jwkSetUri,
      @DefaultValue("preferred_username") String userClaim,
      @DefaultValue("groups") String groupsClaim,
      @DefaultValue("tenants") String tenantsClaim) {

    public boolean enabled() {
      return hasText(issuerUri) || hasText(jwkSetUri);
    }

    static boolean hasText(String value) {
      return value != null && !value.isBlank();
    }
  }

  /**
   * @param store where the API budgets are counted: {@code database} (default; shared by every node, one
   *     short statement per budget and request) or {@code memory} (this node only: a cluster of n nodes allows
   *     n times the budget, a restart refills it)
   */
  public record RateLimit(
      @DefaultValue("600") long perUserPerMinute,
      @DefaultValue("6000") long perTenantPerMinute,
      @DefaultValue("database") Store store) {

    public enum Store { DATABASE, MEMORY }
  }
}
