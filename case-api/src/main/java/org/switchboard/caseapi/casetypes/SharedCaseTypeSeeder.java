package org.switchboard.caseapi.casetypes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.formdata.FormSchemaValidator;

/**
 * Keeps the platform's shared case types (tenant NULL) in step with {@code case-types/*.json} on the
 * classpath. Runs on every start: missing types are added, changed definitions replace the stored ones.
 * Shared types belong to the platform; organisations tailor them by adding a type of their own with
 * the same key.
 */
@Component
@Order(2)
public class SharedCaseTypeSeeder implements ApplicationRunner {

  static final String LOCATION = "classpath*:case-types/*.json";
  private static final Logger log = LoggerFactory.getLogger(SharedCaseTypeSeeder.class);

  private final CaseTypeRepository repository;
  private final FormSchemaValidator forms;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final AuditRecorder audit;

  public SharedCaseTypeSeeder(CaseTypeRepository repository, FormSchemaValidator forms, ObjectMapper mapper,
      Clock clock, AuditRecorder audit) {
    this.audit = audit;
    this.repository = repository;
    this.forms = forms;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
      seed(read(resource));
    }
  }

  void seed(CaseType definition) {
    CaseType existing = repository.findShared(definition.key()).orElse(null);
    if (existing == null) {
      try {
        repository.insert(definition);
        log.info("Added shared case type '{}'", definition.key());
        seeded(definition.id(), definition.key(), "added");
      } catch (DuplicateKeyException anotherNodeWasFaster) {
        // Deterministic ids make a concurrent start of a second node insert the same row: nothing to do.
      }
      return;
    }
    if (!sameDefinition(existing, definition)) {
      repository.updateDefinition(new CaseType(existing.id(), null, existing.key(), definition.name(),
          definition.sector(), definition.processKey(), definition.formDefinition(), definition.validationRules(),
          definition.restricted(), existing.active(), existing.createdAt()));
      log.info("Updated shared case type '{}'", definition.key());
      seeded(existing.id(), definition.key(), "updated");
    }
  }

  /** Configuration change made by the system at start-up (actor "system"). */
  private void seeded(String id, String key, String change) {
    audit.success(AuditActions.CASE_TYPE_SEEDED, null, "case-type", id, Map.of("key", key, "change", change));
  }

  private CaseType read(Resource resource) throws IOException {
    JsonNode json;
    try (InputStream in = resource.getInputStream()) {
      json = mapper.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    String key = required(json, "key", resource);
    JsonNode form = json.path("form");
    if (!form.path("components").isArray()) {
      throw new IllegalStateException(resource + ": 'form' must be a form-js schema with components");
    }
    String formJson = mapper.writeValueAsString(form);
    forms.fields(formJson);
    JsonNode rules = json.path("validationRules");
    return new CaseType(
        UUID.nameUUIDFromBytes(("shared-case-type:" + key).getBytes(StandardCharsets.UTF_8)).toString(),
        null, key, required(json, "name", resource), required(json, "sector", resource),
        required(json, "processKey", resource), formJson,
        rules.isMissingNode() || rules.isNull() ? null : mapper.writeValueAsString(rules),
        json.path("restricted").asBoolean(false), true, clock.instant());
  }

  private static String required(JsonNode json, String field, Resource resource) {
    String value = json.path(field).asText("");
    if (value.isBlank()) {
      throw new IllegalStateException(resource + ": '" + field + "' is required");
    }
    return value;
  }

  private static boolean sameDefinition(CaseType a, CaseType b) {
    return a.name().equals(b.name()) && a.sector().equals(b.sector()) && a.processKey().equals(b.processKey())
        && a.formDefinition().equals(b.formDefinition()) && a.restricted() == b.restricted()
        && Objects.equals(a.validationRules(), b.validationRules());
  }
}
