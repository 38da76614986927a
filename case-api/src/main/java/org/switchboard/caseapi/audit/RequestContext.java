package org.switchboard.caseapi.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where the current request comes from, for audit events: the client address (as the servlet container
 * resolved it, i.e. after forwarded-header handling when that is configured) and the User-Agent. Both
 * are null outside an HTTP request (jobs, engine callbacks).
 */
public record RequestContext(String sourceAddress, String client) {

  private static final int MAX_SOURCE = 100;
  private static final int MAX_CLIENT = 200;
  private static final RequestContext NONE = new RequestContext(null, null);

  public static RequestContext current() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (!(attributes instanceof ServletRequestAttributes servlet)) {
      return NONE;
    }
    HttpServletRequest request = servlet.getRequest();
    return new RequestContext(clip(request.getRemoteAddr(), MAX_SOURCE), clip(request.getHeader("User-Agent"),
        MAX_CLIENT));
  }

  private static String clip(String value, int max) {
    if (value == null) {
      return null;
    }
    // Control characters would let a client forge line breaks in exported logs.
    String clean = value.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= max ? clean : clean.substring(0, max);
  }
}
