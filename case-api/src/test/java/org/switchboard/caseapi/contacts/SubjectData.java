package org.switchboard.caseapi.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.switchboard.caseapi.casetypes.CaseType;
import org.switchboard.caseapi.casetypes.CaseTypeRepository;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.Multipart;

/** A contact with cases, notes and documents created through the API, every text carrying one canary. */
public final class SubjectData {

  public static final String CASE_TYPE = "subject-test";
  static final String FORM = """
      {"type": "default", "components": [
        {"id": "f1", "type": "textfield", "key": "secretNote", "label": "Secret",
         "properties": {"classification": "confidential"}},
        {"id": "f2", "type": "textfield", "key": "plainRef", "label": "Reference"}]}
      """;

  public final String canary = "CANARY" + UUID.randomUUID().toString().replace("-", "");
  public String contactId;
  public final List<String> caseIds = new ArrayList<>();
  final List<String> noteIds = new ArrayList<>();
  final List<String> documentIds = new ArrayList<>();

  public static void caseType(CaseTypeRepository caseTypes, String tenant, String sector) {
    caseTypes.insert(new CaseType(UUID.randomUUID().toString(), tenant, CASE_TYPE, "Subject test", sector,
        "CaseLifecycle", FORM, null, false, true, Instant.now()));
  }

  /** The contact, {@code cases} cases of it, each with a note and a document. */
  public static SubjectData create(ApiClient api, int cases) {
    SubjectData s = new SubjectData();
    s.contactId = created(api.post("/api/v1/contacts", Map.of("displayName", s.canary + " Name",
        "phoneE164", "+4915112345678", "email", s.canary.toLowerCase() + "@example.org")));
    for (int i = 0; i < cases; i++) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("caseType", CASE_TYPE);
      body.put("title", "Subject case " + i + " " + s.canary);
      body.put("description", s.canary + " description " + i);
      body.put("customFields", Map.of("secretNote", s.canary + " custom " + i, "plainRef", "R-" + i));
      body.put("intake", Map.of("category", "general", "immediateDanger", false));
      String caseId = created(api.post("/api/v1/cases", body));
      s.caseIds.add(caseId);
      ApiClient.Response linked = api.put("/api/v1/cases/" + caseId + "/contact", Map.of("contactId", s.contactId));
      assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
      s.noteIds.add(created(api.post("/api/v1/cases/" + caseId + "/notes", Map.of("body", s.canary + " note " + i))));
      s.documentIds.add(created(api.send(Multipart.file(api, "/api/v1/cases/" + caseId + "/documents", "file",
          "report.txt", (s.canary + " document " + i).getBytes(StandardCharsets.UTF_8)))));
    }
    return s;
  }

  public static String created(ApiClient.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json().path("id").asText();
  }

  private SubjectData() {
  }
}
