package org.switchboard.caseapi.ai.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The AI services admin page ({@code /admin/ai}): static HTML and JavaScript that hold no data; everything comes
 * from {@code /api/v1/config/ai-services} with the user's own credentials, so the API's authentication, permission
 * matrix and tenant checks apply unchanged. The page gets strict headers: only its own scripts and styles, no
 * framing, no referrer, no caching.
 */
@Controller
public class AdminPage {

  @GetMapping({"/admin/ai", "/admin/ai/"})
  public String page() {
    return "forward:/admin/ai/index.html";
  }

  @Configuration
  static class AdminPageSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain adminPageSecurity(HttpSecurity http) throws Exception {
      return http
          .securityMatcher("/admin/**")
          .authorizeHttpRequests(a -> a.anyRequest().permitAll())
          .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
          .requestCache(AbstractHttpConfigurer::disable)
          .csrf(AbstractHttpConfigurer::disable)
          .headers(h -> h
              .contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; script-src 'self'; "
                  + "style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; "
                  + "frame-ancestors 'none'; base-uri 'none'"))
              .frameOptions(f -> f.deny())
              .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)))
          .build();
    }
  }
}
