package org.switchboard.caseapi.security;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.switchboard.caseapi.identity.CurrentUser;

/**
 * Bearer tokens of the configured OIDC provider ({@link SecurityProperties.Oidc}): how they are verified and
 * how their claims become the {@link CurrentUser} that the permission matrix and case visibility read, exactly
 * as for a basic-auth user. Groups and tenants come from the token; the provider is trusted for them.
 */
public class BearerTokens {

  public static final String METHOD = "bearer";

  private final SecurityProperties.Oidc oidc;

  public BearerTokens(SecurityProperties.Oidc oidc) {
    this.oidc = oidc;
  }

  /** Signature, expiry (and not-before) and, when configured, issuer. Built lazily: the provider may be down at start. */
  public JwtDecoder decoder() {
    if (!SecurityProperties.Oidc.hasText(oidc.jwkSetUri())) {
      return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(oidc.issuerUri()));
    }
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()).build();
    OAuth2TokenValidator<Jwt> validator = SecurityProperties.Oidc.hasText(oidc.issuerUri())
        ? JwtValidators.createDefaultWithIssuer(oidc.issuerUri()) : JwtValidators.createDefault();
    decoder.setJwtValidator(validator);
    return decoder;
  }

  public Converter<Jwt, AbstractAuthenticationToken> converter() {
    return jwt -> {
      String userId = jwt.getClaimAsString(oidc.userClaim());
      if (userId == null || userId.isBlank()) {
        throw new BadJwtException("The token has no " + oidc.userClaim() + " claim");
      }
      CurrentUser user = new CurrentUser(userId, strings(jwt, oidc.groupsClaim()), strings(jwt, oidc.tenantsClaim()));
      List<GrantedAuthority> authorities = new ArrayList<>();
      user.groups().forEach(g -> authorities.add(new SimpleGrantedAuthority("GROUP_" + g)));
      return UsernamePasswordAuthenticationToken.authenticated(user, jwt, authorities);
    };
  }

  /**
   * The user a refused token claims to be, for the audit trail only (like the user name of a failed basic
   * login, it is what the caller asserted, not who they are); null when the token cannot be read at all.
   */
  public String claimedUser(String token) {
    if (token == null) {
      return null;
    }
    try {
      Object claim = JWTParser.parse(token).getJWTClaimsSet().getClaim(oidc.userClaim());
      return claim instanceof String s ? s : null;
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }

  private static Set<String> strings(Jwt jwt, String claim) {
    Object value = jwt.getClaims().get(claim);
    Set<String> result = new HashSet<>();
    if (value instanceof Collection<?> items) {
      items.stream().filter(String.class::isInstance).map(String.class::cast).forEach(result::add);
    } else if (value instanceof String single && !single.isBlank()) {
      result.add(single);
    }
    return result;
  }
}
