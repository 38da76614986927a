package org.switchboard.caseapi.identity;

import java.util.List;

/** Camunda groups that act as Switchboard roles. Teams are further groups of type {@link #TEAM_GROUP_TYPE}. */
public final class Roles {

  public static final String AGENTS = "agents";
  public static final String SUPERVISORS = "supervisors";
  public static final String ADMINS = "admins";
  public static final String AUDITORS = "auditors";
  /** Per-organisation administrators: manage their tenant's workflows, never other tenants. */
  public static final String TENANT_ADMINS = "tenant-admins";
  /** Workers and integrations: create cases, add notes and documents, read cases. */
  public static final String SERVICE_ACCOUNTS = "service-accounts";
  /** Camunda's built-in administrator group, kept working for operators used to it. */
  public static final String CAMUNDA_ADMIN = "camunda-admin";

  public static final String ROLE_GROUP_TYPE = "SYSTEM";
  public static final String TEAM_GROUP_TYPE = "TEAM";

  /** Teams the platform's routing table names; every deployment has them. */
  public static final List<String> DEFAULT_TEAMS = List.of(
      "crisis-team", "survivor-support-team", "clinical-team", "customer-care-team", "general-team");

  private Roles() {
  }
}
