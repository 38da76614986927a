package org.switchboard.caseapi.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.casetypes.CaseType;
import org.switchboard.caseapi.casetypes.CaseTypeRepository;

/**
 * What the repositories call to encrypt case data on write and decrypt it on read: the description and
 * note bodies whole, custom fields classified confidential or restricted together in one sealed member
 * ({@value #SEALED}) of the custom-fields JSON. All of a case's data uses the case's data key.
 */
@Component
public class CaseDataProtection {

  /** Reserved custom-fields member holding the encrypted confidential and restricted values. */
  public static final String SEALED = "$sealed";
  public static final String CASE_TABLE = "case_record";
  public static final String NOTE_TABLE = "case_note";

  private final FieldCipher cipher;
  private final FieldClassifications classifications;
  private final CaseTypeRepository caseTypes;
  private final ObjectMapper mapper;

  public CaseDataProtection(FieldCipher cipher, FieldClassifications classifications, CaseTypeRepository caseTypes,
      ObjectMapper mapper) {
    this.cipher = cipher;
    this.classifications = classifications;
    this.caseTypes = caseTypes;
    this.mapper = mapper;
  }

  public String sealDescription(String caseId, String tenantId, String description) {
    return cipher.encrypt(description(caseId, tenantId), Subject.ofCase(caseId), description);
  }

  public String openDescription(String caseId, String tenantId, String stored) {
    return cipher.decrypt(description(caseId, tenantId), stored);
  }

  public String sealNoteBody(String noteId, String caseId, String tenantId, String body) {
    return cipher.encrypt(noteBody(noteId, tenantId), Subject.ofCase(caseId), body);
  }

  public String openNoteBody(String noteId, String tenantId, String stored) {
    return cipher.decrypt(noteBody(noteId, tenantId), stored);
  }

  /** Moves the values of confidential and restricted fields (per the case type's form) into {@value #SEALED}. */
  public String sealCustomFields(String caseId, String tenantId, String caseType, String json) {
    if (json == null) {
      return null;
    }
    Map<String, Classification> declared = classificationsOf(tenantId, caseType);
    ObjectNode fields = parse(json);
    ObjectNode sealed = mapper.createObjectNode();
    List<String> names = new ArrayList<>();
    fields.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (declared.getOrDefault(name, Classification.INTERNAL).encrypted()) {
        sealed.set(name, fields.remove(name));
      }
    }
    if (!sealed.isEmpty()) {
      fields.put(SEALED, cipher.encrypt(customFields(caseId, tenantId), Subject.ofCase(caseId), sealed.toString()));
    }
    return fields.toString();
  }

  public String openCustomFields(String caseId, String tenantId, String stored) {
    if (stored == null || !stored.contains(SEALED)) {
      return stored;
    }
    ObjectNode fields = parse(stored);
    JsonNode sealed = fields.remove(SEALED);
    if (sealed == null) {
      return stored;
    }
    fields.setAll(parse(cipher.decrypt(customFields(caseId, tenantId), sealed.asText())));
    return fields.toString();
  }

  /** The key id of the sealed member; empty when nothing is sealed. */
  public Optional<String> sealedKeyId(String stored) {
    if (stored == null || !stored.contains(SEALED)) {
      return Optional.empty();
    }
    return FieldCipher.keyIdOf(parse(stored).path(SEALED).asText(null));
  }

  /** Custom field names whose declared classification is at least confidential. */
  public Map<String, Classification> classificationsOf(String tenantId, String caseType) {
    return type(tenantId, caseType).map(t -> classifications.ofForm(t.formDefinition())).orElse(Map.of());
  }

  private Optional<CaseType> type(String tenantId, String key) {
    if (key == null) {
      return Optional.empty();
    }
    return caseTypes.findOwnedBy(tenantId, key).or(() -> caseTypes.findShared(key));
  }

  static FieldRef description(String caseId, String tenantId) {
    return new FieldRef(CASE_TABLE, caseId, "description", tenantId);
  }

  static FieldRef customFields(String caseId, String tenantId) {
    return new FieldRef(CASE_TABLE, caseId, "custom_fields", tenantId);
  }

  static FieldRef noteBody(String noteId, String tenantId) {
    return new FieldRef(NOTE_TABLE, noteId, "body", tenantId);
  }

  private ObjectNode parse(String json) {
    try {
      JsonNode node = mapper.readTree(json);
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalStateException("Custom fields are not a JSON object");
      }
      return object;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Custom fields are not JSON", e);
    }
  }
}
