package org.switchboard.caseapi.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.switchboard.caseapi.identity.CurrentUser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The permission matrix of {@code /api/**}, read from {@code security/permissions.yaml}: which roles may call
 * which endpoint, and which Camunda groups make up each role. The file is the single source; code and the
 * matrix test both read it.
 */
public final class PermissionMatrix {

  public static final String LOCATION = "security/permissions.yaml";

  private final Map<String, Set<String>> roleGroups;
  private final List<Row> rows;

  private PermissionMatrix(Map<String, Set<String>> roleGroups, List<Row> rows) {
    this.roleGroups = roleGroups;
    this.rows = rows;
  }

  /** One endpoint: method, path template as in the OpenAPI document, and the roles that may call it. */
  public record Row(String method, String path, Set<String> allow, PathPattern pattern) {

    public boolean allows(Set<String> roles) {
      return roles.stream().anyMatch(allow::contains);
    }
  }

  public static PermissionMatrix load() {
    return load(new ClassPathResource(LOCATION));
  }

  @SuppressWarnings("unchecked")
  public static PermissionMatrix load(Resource resource) {
    Map<String, Object> document;
    try (InputStream in = resource.getInputStream()) {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the permission matrix " + resource, e);
    }
    Map<String, Set<String>> roleGroups = new LinkedHashMap<>();
    ((Map<String, List<String>>) document.get("roles"))
        .forEach((role, groups) -> roleGroups.put(role, Collections.unmodifiableSet(new LinkedHashSet<>(groups))));
    PathPatternParser parser = new PathPatternParser();
    List<Row> rows = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Map<String, Object> entry : (List<Map<String, Object>>) document.get("endpoints")) {
      String method = ((String) entry.get("method")).toUpperCase(Locale.ROOT);
      String path = (String) entry.get("path");
      Set<String> allow = Set.copyOf((List<String>) entry.getOrDefault("allow", List.of()));
      for (String role : allow) {
        if (!roleGroups.containsKey(role)) {
          throw new IllegalStateException("Permission matrix: unknown role '" + role + "' in " + method + " " + path);
        }
      }
      if (!seen.add(method + " " + path)) {
        throw new IllegalStateException("Permission matrix: duplicate row " + method + " " + path);
      }
      rows.add(new Row(method, path, allow, parser.parse(path)));
    }
    return new PermissionMatrix(Collections.unmodifiableMap(roleGroups), List.copyOf(rows));
  }

  public List<Row> rows() {
    return rows;
  }

  public Set<String> roleNames() {
    return roleGroups.keySet();
  }

  public Set<String> groupsOf(String role) {
    return roleGroups.getOrDefault(role, Set.of());
  }

  /** The union of the roles the user's groups grant. */
  public Set<String> rolesOf(CurrentUser user) {
    Set<String> roles = new LinkedHashSet<>();
    roleGroups.forEach((role, groups) -> {
      if (groups.stream().anyMatch(user::inGroup)) {
        roles.add(role);
      }
    });
    return roles;
  }

  /** The most specific row for the request, as Spring MVC would pick the handler; empty when none matches. */
  public Optional<Row> match(String method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    String upper = method.toUpperCase(Locale.ROOT);
    return rows.stream()
        .filter(row -> row.method().equals(upper) && row.pattern().matches(container))
        .min(Comparator.comparing(Row::pattern, PathPattern.SPECIFICITY_COMPARATOR));
  }

  public boolean allows(CurrentUser user, String method, String path) {
    return match(method, path).map(row -> row.allows(rolesOf(user))).orElse(false);
  }
}
