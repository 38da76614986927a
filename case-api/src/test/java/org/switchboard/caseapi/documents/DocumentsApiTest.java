package org.switchboard.caseapi.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.support.Problems.assertFieldErrors;
import static org.switchboard.caseapi.support.Problems.assertSameNotFound;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.config.SwitchboardProperties;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.CaseSeeder;
import org.switchboard.caseapi.support.Multipart;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFiles;
import org.switchboard.caseapi.support.TestFixtures;

@SwitchboardTest
class DocumentsApiTest {

  @Autowired
  TestFixtures fixtures;
  @Autowired
  CaseSeeder seeder;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  LocalFileStore fileStore;
  @Autowired
  SwitchboardProperties properties;

  String tenant;
  String agent;
  ApiClient api;
  CaseRecord c;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.agent(tenant);
    api = fixtures.as(agent);
    c = seeder.withoutProcess(tenant, agent);
  }

  @Test
  void uploadsListsAndDownloadsByteForByteWithHeaders() {
    byte[] pdf = TestFiles.pdf();

    ApiClient.Response created = upload(c.id(), "report.pdf", pdf);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode doc = created.json();
    String docId = doc.path("id").asText();
    assertThat(doc.path("caseId").asText()).isEqualTo(c.id());
    assertThat(doc.path("fileName").asText()).isEqualTo("report.pdf");
    assertThat(doc.path("currentVersion").asInt()).isEqualTo(1);
    assertThat(doc.path("contentType").asText()).isEqualTo("application/pdf");
    assertThat(doc.path("versions")).hasSize(1);
    JsonNode v1 = doc.path("versions").get(0);
    assertThat(v1.path("version").asInt()).isEqualTo(1);
    assertThat(v1.path("sizeBytes").asLong()).isEqualTo(pdf.length);
    assertThat(v1.path("sha256").asText()).isEqualTo(TestFiles.sha256(pdf));
    assertThat(v1.path("createdBy").asText()).isEqualTo(agent);
    assertThat(v1.has("storageKey")).isFalse();

    JsonNode list = api.get(documents(c.id())).json();
    assertThat(list.path("items")).hasSize(1);
    assertThat(list.path("items").get(0).path("id").asText()).isEqualTo(docId);
    assertThat(api.get(documents(c.id()) + "/" + docId).json().path("fileName").asText()).isEqualTo("report.pdf");

    ApiClient.Response download = api.get(documents(c.id()) + "/" + docId + "/content");
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.bytes()).isEqualTo(pdf);
    assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(pdf.length));
    assertThat(download.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void recordsChangeLogAndEventsWithoutTheFileName() {
    String docId = upload(c.id(), "secret-name.pdf", TestFiles.pdf()).json().path("id").asText();
    uploadTo(documents(c.id()) + "/" + docId + "/versions", "secret-name-2.png", TestFiles.png());

    List<String> changes = jdbc.sql("SELECT change_type || ' ' || detail FROM case_change WHERE case_id = :id "
        + "AND change_type LIKE 'DOCUMENT%' ORDER BY id").param("id", c.id()).query(String.class).list();
    assertThat(changes).containsExactly(
        "DOCUMENT_ADDED Document " + docId + " version 1",
        "DOCUMENT_VERSION_ADDED Document " + docId + " version 2");
    List<String> payloads = jdbc.sql("SELECT payload FROM outbox_event WHERE aggregate_id = :id "
        + "AND event_type = 'DocumentAdded' ORDER BY occurred_at").param("id", c.id()).query(String.class).list();
    assertThat(payloads).hasSize(2);
    assertThat(payloads.get(0)).contains("\"documentId\":\"" + docId + "\"", "\"version\":1")
        .doesNotContain("secret-name");
    assertThat(payloads.get(1)).contains("\"version\":2", "\"contentType\":\"image/png\"");
  }

  @Test
  void newVersionBecomesCurrentAndOldOneStaysDownloadable() {
    byte[] pdf = TestFiles.pdf();
    byte[] png = TestFiles.png();
    String docId = upload(c.id(), "scan.pdf", pdf).json().path("id").asText();
    String base = documents(c.id()) + "/" + docId;

    ApiClient.Response versioned = uploadTo(base + "/versions", "scan-retake.png", png);

    assertThat(versioned.status()).as(versioned.toString()).isEqualTo(201);
    JsonNode doc = versioned.json();
    assertThat(doc.path("currentVersion").asInt()).isEqualTo(2);
    assertThat(doc.path("fileName").asText()).isEqualTo("scan-retake.png");
    assertThat(doc.path("contentType").asText()).isEqualTo("image/png");
    assertThat(doc.path("versions")).hasSize(2);
    assertThat(api.get(base).json().path("currentVersion").asInt()).isEqualTo(2);

    ApiClient.Response latest = api.get(base + "/content");
    assertThat(latest.bytes()).isEqualTo(png);
    assertThat(latest.header("Content-Type")).isEqualTo("image/png");
    ApiClient.Response first = api.get(base + "/content?version=1");
    assertThat(first.bytes()).isEqualTo(pdf);
    assertThat(first.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(first.header("Content-Disposition")).contains("filename=\"scan.pdf\"");

    assertThat(api.get(base + "/content?version=3").status()).isEqualTo(404);
    assertFieldErrors(api.get(base + "/content?version=0"), 400, "version");
    assertFieldErrors(api.get(base + "/content?version=latest"), 400, "version");
  }

  @Test
  void sniffsTheTypeFromTheBytesAndAcceptsOnlyTheAllowList() {
    assertThat(typeOf("letter.docx", TestFiles.docx())).isEqualTo(ContentSniffer.DOCX);
    assertThat(typeOf("budget.xlsx", TestFiles.xlsx())).isEqualTo(ContentSniffer.XLSX);
    assertThat(typeOf("letter.odt", TestFiles.odt())).isEqualTo(ContentSniffer.ODT);
    assertThat(typeOf("calls.csv", TestFiles.text("date,calls\n2026-01-01,4\n"))).isEqualTo("text/csv");
    assertThat(typeOf("notes.txt", TestFiles.text("Grüße, the caller\n"))).isEqualTo("text/plain");
    // The claimed name does not decide the type: a PDF called .png is a PDF.
    assertThat(typeOf("photo.png", TestFiles.pdf())).isEqualTo("application/pdf");

    for (byte[] refused : List.of(TestFiles.executable(), TestFiles.plainZip(), new byte[] {0, 1, 2, 3, 4, 5})) {
      ApiClient.Response response = upload(c.id(), "harmless.pdf", refused);
      assertFieldErrors(response, 415, "file");
      assertNothingStored(refused);
    }
  }

  @Test
  void refusesMissingAndEmptyFilesNamingTheField() {
    assertFieldErrors(api.send(Multipart.field(api, documents(c.id()), "comment", "no file here")), 400, "file");
    assertFieldErrors(upload(c.id(), "empty.pdf", new byte[0]), 400, "file");
    assertThat(documentCount(c.id())).isZero();
  }

  @Test
  void refusesAFileJustAboveTheConfiguredLimitAndWritesNothing() {
    DataSize limit = properties.files().maxSize();
    long tooLarge = limit.toBytes() + 1;

    ApiClient.Response response = api.send(Multipart.file(api, documents(c.id()), "file", "huge.pdf",
        () -> TestFiles.largePdf(tooLarge)));

    assertFieldErrors(response, 413, "file");
    assertThat(response.json().path("errors").get(0).path("message").asText()).contains("25MB");
    assertThat(documentCount(c.id())).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM case_change WHERE case_id = :id AND change_type LIKE 'DOCUMENT%'")
        .param("id", c.id()).query(Long.class).single()).isZero();
  }

  @Test
  void sanitisesFileNames() {
    assertThat(nameOf("../../etc/passwd.txt", TestFiles.text("root:x:0:0\n"))).isEqualTo("passwd.txt");
    assertThat(nameOf("C:\\Users\\agent\\Desktop\\report.pdf", TestFiles.pdf())).isEqualTo("report.pdf");
    assertThat(nameOf("..", TestFiles.pdf())).isEqualTo("document");
    assertThat(nameOf("a<b>c:d|e?.pdf", TestFiles.pdf())).isEqualTo("abcde.pdf");

    String docId = upload(c.id(), "Bericht für Müller.pdf", TestFiles.pdf()).json().path("id").asText();
    assertThat(api.get(documents(c.id()) + "/" + docId + "/content").header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"Bericht f_r M_ller.pdf\"; "
            + "filename*=UTF-8''Bericht%20f%C3%BCr%20M%C3%BCller.pdf");
  }

  @Test
  void unknownAndForeignCasesAndDocumentsAnswerTheSame404() {
    String otherTenant = fixtures.tenant("generic");
    String otherAgent = fixtures.agent(otherTenant);
    CaseRecord foreign = seeder.withoutProcess(otherTenant, otherAgent);
    String foreignDoc = upload(fixtures.as(otherAgent), foreign.id(), "theirs.pdf", TestFiles.pdf())
        .json().path("id").asText();
    String unknown = UUID.randomUUID().toString();

    assertSameNotFound(upload(unknown, "a.pdf", TestFiles.pdf()), unknown,
        upload(foreign.id(), "a.pdf", TestFiles.pdf()), foreign.id());
    assertSameNotFound(api.get(documents(unknown)), unknown, api.get(documents(foreign.id())), foreign.id());
    assertSameNotFound(api.get(documents(unknown) + "/" + foreignDoc), unknown,
        api.get(documents(foreign.id()) + "/" + foreignDoc), foreign.id());
    assertSameNotFound(api.get(documents(unknown) + "/" + foreignDoc + "/content"), unknown,
        api.get(documents(foreign.id()) + "/" + foreignDoc + "/content"), foreign.id());
    assertThat(documentCount(foreign.id())).isEqualTo(1);

    // Another case's document is not reachable through my case either.
    String unknownDoc = UUID.randomUUID().toString();
    assertSameNotFound(api.get(documents(c.id()) + "/" + unknownDoc), unknownDoc,
        api.get(documents(c.id()) + "/" + foreignDoc), foreignDoc);
    assertSameNotFound(uploadTo(documents(c.id()) + "/" + unknownDoc + "/versions", "v.pdf", TestFiles.pdf()),
        unknownDoc, uploadTo(documents(c.id()) + "/" + foreignDoc + "/versions", "v.pdf", TestFiles.pdf()),
        foreignDoc);
  }

  private String typeOf(String name, byte[] content) {
    ApiClient.Response response = upload(c.id(), name, content);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json().path("contentType").asText();
  }

  private String nameOf(String name, byte[] content) {
    ApiClient.Response response = upload(c.id(), name, content);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json().path("fileName").asText();
  }

  private void assertNothingStored(byte[] content) {
    assertThat(Files.exists(fileStore.path(TestFiles.sha256(content)))).isFalse();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM document_version WHERE sha256 = :sha")
        .param("sha", TestFiles.sha256(content)).query(Long.class).single()).isZero();
  }

  private long documentCount(String caseId) {
    return jdbc.sql("SELECT COUNT(*) FROM document WHERE case_id = :id").param("id", caseId).query(Long.class).single();
  }

  private ApiClient.Response upload(String caseId, String fileName, byte[] content) {
    return upload(api, caseId, fileName, content);
  }

  private static ApiClient.Response upload(ApiClient client, String caseId, String fileName, byte[] content) {
    return client.send(Multipart.file(client, documents(caseId), "file", fileName, content));
  }

  private ApiClient.Response uploadTo(String path, String fileName, byte[] content) {
    return api.send(Multipart.file(api, path, "file", fileName, content));
  }

  private static String documents(String caseId) {
    return "/api/v1/cases/" + caseId + "/documents";
  }
}
