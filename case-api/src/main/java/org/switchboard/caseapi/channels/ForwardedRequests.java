package org.switchboard.caseapi.channels;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The public URL a provider called, for signatures computed over it (Twilio). Order: the account's
 * {@code publicUrl} setting, then {@code switchboard.webhooks.public-base-url}, then the request itself, where
 * {@code X-Forwarded-*} headers count only when the direct peer is a trusted proxy: anyone else could otherwise
 * choose the URL a signature is checked against.
 */
@Component
public class ForwardedRequests {

  private final WebhookProperties properties;
  private final List<Cidr> trusted;

  public ForwardedRequests(WebhookProperties properties) {
    this.properties = properties;
    this.trusted = properties.trustedProxies().stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
  }

  /** Scheme, host, port, path and query string as the provider saw them. */
  public String publicUrl(HttpServletRequest request, Optional<String> accountPublicUrl) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
    String base = accountPublicUrl
        .or(() -> Optional.ofNullable(properties.publicBaseUrl()).filter(s -> !s.isBlank()))
        .orElseGet(() -> requestBase(request));
    return stripSlash(base) + path + query;
  }

  public boolean fromTrustedProxy(HttpServletRequest request) {
    if (trusted.isEmpty()) {
      return false;
    }
    try {
      byte[] peer = InetAddress.getByName(request.getRemoteAddr()).getAddress();
      return trusted.stream().anyMatch(cidr -> cidr.contains(peer));
    } catch (UnknownHostException notAnAddress) {
      return false;
    }
  }

  private String requestBase(HttpServletRequest request) {
    String scheme = request.getScheme();
    String host = request.getHeader("Host");
    if (host == null || host.isBlank()) {
      host = request.getServerName() + ":" + request.getServerPort();
    }
    if (fromTrustedProxy(request)) {
      String forwardedProto = first(request.getHeader("X-Forwarded-Proto"));
      String forwardedHost = first(request.getHeader("X-Forwarded-Host"));
      String forwardedPort = first(request.getHeader("X-Forwarded-Port"));
      if (forwardedProto != null) {
        scheme = forwardedProto;
      }
      if (forwardedHost != null) {
        host = forwardedHost;
      }
      if (forwardedPort != null && !host.contains(":") && !isDefaultPort(scheme, forwardedPort)) {
        host = host + ":" + forwardedPort;
      }
    }
    return scheme + "://" + host;
  }

  private static boolean isDefaultPort(String scheme, String port) {
    return "https".equalsIgnoreCase(scheme) && "443".equals(port) || "http".equalsIgnoreCase(scheme) && "80".equals(port);
  }

  /** The client-most value of a comma-separated header (each proxy appends its own). */
  private static String first(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.split(",")[0].strip();
    return value.isEmpty() ? null : value;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** An address or range: {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}, {@code fd00::/8}. */
  record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
      String[] parts = text.strip().split("/", 2);
      try {
        byte[] address = InetAddress.getByName(parts[0]).getAddress();
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
        if (prefix < 0 || prefix > address.length * 8) {
          throw new IllegalArgumentException("switchboard.webhooks.trusted-proxies: bad prefix in " + text);
        }
        return new Cidr(address, prefix);
      } catch (UnknownHostException | NumberFormatException e) {
        throw new IllegalArgumentException("switchboard.webhooks.trusted-proxies: not an address or CIDR: " + text, e);
      }
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int bits = prefix;
      for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
        int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
        if ((address[i] & mask) != (network[i] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
