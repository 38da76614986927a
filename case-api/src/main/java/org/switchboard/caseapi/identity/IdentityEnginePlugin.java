package org.switchboard.caseapi.identity;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Identity rules of the engine: Switchboard's {@code admins} group is a Camunda administrator group
 * next to {@code camunda-admin}, and ids may use the readable forms we give teams and tenants
 * ({@code crisis-team}, {@code demo-healthcare}); Camunda's default allows only letters and digits.
 */
@Component
public class IdentityEnginePlugin extends AbstractProcessEnginePlugin {

  /** Letters and digits first, then also '.', '_', '@' and '-'; no spaces, slashes or wildcards. */
  public static final String ID_PATTERN = "[a-zA-Z0-9][a-zA-Z0-9._@-]{0,63}";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<String> adminGroups = new ArrayList<>();
    if (configuration.getAdminGroups() != null) {
      adminGroups.addAll(configuration.getAdminGroups());
    }
    for (String group : List.of(Roles.CAMUNDA_ADMIN, Roles.ADMINS)) {
      if (!adminGroups.contains(group)) {
        adminGroups.add(group);
      }
    }
    configuration.setAdminGroups(adminGroups);
    configuration.setGeneralResourceWhitelistPattern(ID_PATTERN);
  }
}
