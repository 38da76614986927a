package org.switchboard.caseapi.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.identity.CurrentUser;

/**
 * Enforces the {@link PermissionMatrix} on every {@code /api/**} request: the caller's roles must include one the
 * matching row allows. A request no row matches is refused, so an endpoint added without a row is closed, not open.
 */
@Component
public class ApiAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

  private final PermissionMatrix matrix;

  public ApiAuthorization(PermissionMatrix matrix) {
    this.matrix = matrix;
  }

  @Override
  public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    Authentication auth = authentication.get();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken
        || !(auth.getPrincipal() instanceof CurrentUser user)) {
      return new AuthorizationDecision(false);
    }
    HttpServletRequest request = context.getRequest();
    return new AuthorizationDecision(matrix.allows(user, request.getMethod(), pathOf(request)));
  }

  static String pathOf(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
