package org.switchboard.caseapi.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class SecurityBeans {

  @Bean
  PermissionMatrix permissionMatrix() {
    return PermissionMatrix.load();
  }
}
