package org.switchboard.caseapi.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether the server may call a URL a tenant configured (webhooks, AI providers): https only, and never
 * to loopback, private, link-local or otherwise internal addresses, judged by every address the host resolves to,
 * unless the host is on the operator's allow-list. Callers must connect to the address checked here, not resolve
 * again, or DNS rebinding reopens the hole.
 */
public class OutboundUrlPolicy {

  /** Resolves a host name; replaceable in tests. */
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final Set<String> allowedHosts;
  private final Resolver resolver;

  public OutboundUrlPolicy(Set<String> allowedHosts, Resolver resolver) {
    this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    this.resolver = resolver;
  }

  public OutboundUrlPolicy(Set<String> allowedHosts) {
    this(allowedHosts, InetAddress::getAllByName);
  }

  /** The reason the URL is refused, or null when it may be called. */
  public String refusal(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return "not a valid URL";
    }
    String host = uri.getHost();
    if (host == null || uri.getUserInfo() != null) {
      return "must name a host and carry no credentials";
    }
    host = host.toLowerCase(Locale.ROOT);
    if (allowedHosts.contains(host)) {
      return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? null : "must use http or https";
    }
    if (!"https".equals(uri.getScheme())) {
      return "must use https";
    }
    try {
      for (InetAddress address : resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)) {
        if (internal(address)) {
          return "resolves to an internal address";
        }
      }
    } catch (UnknownHostException e) {
      return "host does not resolve";
    }
    return null;
  }

  public boolean permits(String url) {
    return refusal(url) == null;
  }

  static boolean internal(InetAddress a) {
    byte[] b = a.getAddress();
    boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
    boolean carrierNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    return a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress() || uniqueLocalV6 || carrierNat;
  }
}
