package org.switchboard.caseapi.security;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class SecurityBeans {

  @Bean
  PermissionMatrix permissionMatrix() {
    return PermissionMatrix.load();
  }

  /** Hosts the operator trusts although they may be internal (e.g. an on-premises AI gateway). */
  @Bean
  OutboundUrlPolicy outboundUrlPolicy(
      @Value("${switchboard.security.outbound.allowed-hosts:}") List<String> allowedHosts) {
    return new OutboundUrlPolicy(allowedHosts.stream().map(String::trim).filter(h -> !h.isEmpty())
        .collect(Collectors.toSet()));
  }
}
