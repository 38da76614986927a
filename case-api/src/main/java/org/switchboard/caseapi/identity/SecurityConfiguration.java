package org.switchboard.caseapi.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.switchboard.caseapi.security.ApiAuthorization;
import org.switchboard.caseapi.security.ApiRateLimitFilter;
import org.switchboard.caseapi.security.ApiRateLimiter;
import org.switchboard.caseapi.security.BearerTokens;
import org.switchboard.caseapi.security.LoginThrottledException;
import org.switchboard.caseapi.security.SecurityAudit;
import org.switchboard.caseapi.security.SecurityProperties;

/**
 * Who may call what.
 * <ul>
 *   <li>{@code /api/**}: HTTP basic against Camunda's identity service and, when an OIDC provider is
 *       configured, bearer tokens ({@link BearerTokens}), stateless, problem+json refusals; every
 *       request is checked against the permission matrix ({@link ApiAuthorization}). Failed logins are
 *       throttled and audited ({@link org.switchboard.caseapi.security.LoginGuard}), authenticated callers
 *       rate-limited ({@link ApiRateLimiter}).</li>
 *   <li>{@code /engine-rest/**}: Camunda's own basic-auth filter, so Camunda Modeler's "basic" deploy works and
 *       the engine applies its authorization and tenant checks to the caller.</li>
 *   <li>{@code /camunda/**}: the webapps keep Camunda's login.</li>
 * </ul>
 */
@Configuration
public class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper mapper, ApiAuthorization authorization,
      SecurityAudit audit, ApiRateLimiter rateLimiter, Clock clock, SecurityProperties properties,
      org.switchboard.caseapi.security.LoginGuard logins) throws Exception {
    AuthenticationEntryPoint unauthenticated = (request, response, ex) -> {
      if (ex instanceof LoginThrottledException throttled) {
        tooManyRequests(mapper, response, throttled.retryAfter(), "Too many failed logins; retry later");
        return;
      }
      response.setHeader("WWW-Authenticate", "Basic realm=\"switchboard\"");
      writeProblem(mapper, response, HttpStatus.UNAUTHORIZED, "Unauthorized", "Authentication is required");
    };
    AccessDeniedHandler denied = (request, response, ex) -> {
      audit.accessDenied(CurrentUser.get().userId(), request);
      writeProblem(mapper, response, HttpStatus.FORBIDDEN, "Forbidden", "You may not do this");
    };
    if (properties.oidc().enabled()) {
      BearerTokens tokens = new BearerTokens(properties.oidc());
      DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
      AuthenticationEntryPoint tokenRefused = (request, response, ex) -> {
        audit.loginFailed(claimedUser(tokens, resolver, request), request, BearerTokens.METHOD,
            String.valueOf(ex.getMessage()));
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        writeProblem(mapper, response, HttpStatus.UNAUTHORIZED, "Unauthorized", "The bearer token is not valid");
      };
      http.oauth2ResourceServer(o -> o.bearerTokenResolver(resolver).authenticationEntryPoint(tokenRefused)
          .jwt(j -> j.decoder(tokens.decoder()).jwtAuthenticationConverter(tokens.converter())));
      // A valid token is a login too: recorded like a basic login, once per user and window, not per call.
      http.addFilterAfter(new org.springframework.web.filter.OncePerRequestFilter() {
        @Override
        protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response, jakarta.servlet.FilterChain chain)
            throws jakarta.servlet.ServletException, java.io.IOException {
          var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
              .getAuthentication();
          // Credentials are erased after authentication: the bearer header tells how this caller got in.
          if (authentication != null && authentication.isAuthenticated() && resolver.resolve(request) != null
              && authentication.getPrincipal() instanceof CurrentUser user) {
            logins.succeeded(user.userId(), request, BearerTokens.METHOD);
          }
          chain.doFilter(request, response);
        }
      }, org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter.class);
    }
    return http
        .securityMatcher("/api/**")
        .authorizeHttpRequests(a -> a.anyRequest().access(authorization))
        // The provider needs the request itself (source address, user agent) to throttle and audit logins.
        .httpBasic(b -> b.authenticationEntryPoint(unauthenticated).authenticationDetailsSource(request -> request))
        .addFilterBefore(new ApiRateLimitFilter(rateLimiter, audit, clock,
            (response, retryAfter, detail) -> tooManyRequests(mapper, response, retryAfter, detail)),
            AuthorizationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .build();
  }

  /** Webapps and engine REST bring their own authentication and CSRF protection; actuator health is public. */
  @Bean
  @Order(2)
  SecurityFilterChain platformSecurity(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .build();
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-engine-rest-auth");
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    // External-task long polling needs async requests through this filter.
    registration.setAsyncSupported(true);
    registration.setOrder(100);
    return registration;
  }

  private static String claimedUser(BearerTokens tokens, DefaultBearerTokenResolver resolver,
      HttpServletRequest request) {
    try {
      return tokens.claimedUser(resolver.resolve(request));
    } catch (RuntimeException malformedHeader) {
      return null;
    }
  }

  private static void tooManyRequests(ObjectMapper mapper, HttpServletResponse response, Duration retryAfter,
      String detail) throws IOException {
    // Whole seconds, rounded up: a client retrying on time must not be refused again.
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    writeProblem(mapper, response, HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", detail);
  }

  private static void writeProblem(ObjectMapper mapper, HttpServletResponse response, HttpStatus status,
      String title, String detail) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    mapper.writeValue(response.getOutputStream(),
        Map.of("type", "about:blank", "title", title, "status", status.value(), "detail", detail));
  }
}
