package org.switchboard.caseapi.tasks;

/**
 * A task's link to a Camunda Form ({@code camunda:formRef}): the form id, how it is resolved
 * ({@code deployment}, {@code latest}, {@code version}) and the version for the {@code version} binding.
 */
public record FormRef(String key, String binding, Integer version) {
}
