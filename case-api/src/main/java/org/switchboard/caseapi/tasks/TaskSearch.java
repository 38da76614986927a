package org.switchboard.caseapi.tasks;

import java.util.Set;

/**
 * A user's work list: tasks assigned to them and/or unassigned tasks they are a candidate for (directly or
 * through one of their groups).
 *
 * @param tenantIds tenants to look in; null means every tenant (administrators)
 */
public record TaskSearch(String userId, boolean assigned, boolean candidate, Set<String> tenantIds, int page,
    int size) {
}
