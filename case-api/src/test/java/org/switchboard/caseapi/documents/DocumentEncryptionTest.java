package org.switchboard.caseapi.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.crypto.ContentCipher;
import org.switchboard.caseapi.crypto.ContentCipher.Binding;
import org.switchboard.caseapi.crypto.DecryptionFailedException;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.CaseSeeder;
import org.switchboard.caseapi.support.Multipart;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFiles;
import org.switchboard.caseapi.support.TestFixtures;

/** Document content is stored encrypted (segmented AES-256-GCM) and bound to its tenant, case, document and version. */
@SwitchboardTest
class DocumentEncryptionTest {

  static final int SEGMENT = 64 * 1024;
  static final int HEADER = 8 + 1 + 36 + 4 + 32 + 8;
  static final int STORED_SEGMENT = SEGMENT + 16;

  @Autowired
  TestFixtures fixtures;
  @Autowired
  CaseSeeder seeder;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  LocalFileStore fileStore;
  @Autowired
  org.switchboard.caseapi.crypto.RotateTenantKeysUseCase rotation;
  @Autowired
  ContentCipher cipher;
  @Autowired
  DocumentRepository documents;

  String tenant;
  ApiClient api;
  CaseRecord c;

  String agent;

  @BeforeEach
  void setUp() {
    tenant = fixtures.tenant("generic");
    agent = fixtures.agent(tenant);
    api = fixtures.as(agent);
    c = seeder.withoutProcess(tenant, agent);
  }

  @Test
  void storedFileHoldsNoPlaintextAndDownloadsByteForByte() throws IOException {
    String canary = "CANARY-" + UUID.randomUUID();
    byte[] text = TestFiles.text("Caller said: " + canary + "\n");

    String docId = upload(c.id(), "statement.txt", text);

    Map<String, Object> row = version(docId, 1);
    byte[] stored = Files.readAllBytes(fileStore.path((String) row.get("storage_key")));
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(canary).startsWith("\0SBXENC1");
    assertThat(row.get("sha256")).isEqualTo(TestFiles.sha256(text));
    assertThat(row.get("content_case_id")).isEqualTo(c.id());
    assertThat(download(c.id(), docId, null).bytes()).isEqualTo(text);
  }

  @Test
  void multiSegmentFileRoundTripsWithPlaintextHashAndSize() throws IOException {
    byte[] big = pdfOf(1024 * 1024 + 17);

    String docId = upload(c.id(), "big.pdf", big);

    Map<String, Object> row = version(docId, 1);
    assertThat(row.get("sha256")).isEqualTo(TestFiles.sha256(big));
    assertThat(((Number) row.get("size_bytes")).longValue()).isEqualTo(big.length);
    long segments = big.length / SEGMENT + 1;
    assertThat(Files.size(fileStore.path((String) row.get("storage_key"))))
        .isEqualTo(HEADER + big.length + segments * 16);
    assertThat(download(c.id(), docId, null).bytes()).isEqualTo(big);
  }

  @Test
  void fileCopiedToAnotherVersionDocumentOrCaseDoesNotDecrypt() {
    String docA = upload(c.id(), "a.pdf", TestFiles.pdf());
    String docB = upload(c.id(), "b.pdf", TestFiles.pdf());
    assertThat(api.send(Multipart.file(api, "/api/v1/cases/" + c.id() + "/documents/" + docA + "/versions",
        "file", "a2.pdf", TestFiles.pdf())).status()).isEqualTo(201);
    String keyOfA1 = (String) version(docA, 1).get("storage_key");

    setStorageKey(docA, 2, keyOfA1);
    assertIntegrityFailure(download(c.id(), docA, 2));
    setStorageKey(docB, 1, keyOfA1);
    assertIntegrityFailure(download(c.id(), docB, null));

    // Same document id and version, another case of the same tenant: the binding names the case.
    assertThatThrownBy(() -> cipher.decrypting(new Binding(tenant, UUID.randomUUID().toString(), docA, 1),
        fileStore.get(keyOfA1))).isInstanceOf(DecryptionFailedException.class);
    assertThatThrownBy(() -> cipher.decrypting(new Binding("other-tenant", c.id(), docA, 1),
        fileStore.get(keyOfA1))).isInstanceOf(DecryptionFailedException.class);
  }

  @Test
  void truncatedReorderedOrExtendedContentFailsToDecrypt() throws IOException {
    Binding binding = new Binding(tenant, c.id(), UUID.randomUUID().toString(), 1);
    byte[] plain = pdfOf(3 * SEGMENT + 100);
    byte[] sealed = cipher.encrypting(binding, new ByteArrayInputStream(plain)).readAllBytes();
    assertThat(sealed).hasSize(HEADER + plain.length + 4 * 16);
    assertThat(cipher.decrypting(binding, new ByteArrayInputStream(sealed)).readAllBytes()).isEqualTo(plain);

    int boundary = HEADER + 3 * STORED_SEGMENT;
    assertFails(binding, Arrays.copyOf(sealed, boundary));
    assertFails(binding, Arrays.copyOf(sealed, HEADER + STORED_SEGMENT));
    assertFails(binding, Arrays.copyOf(sealed, sealed.length - 1));
    assertFails(binding, Arrays.copyOf(sealed, HEADER));
    byte[] reordered = sealed.clone();
    System.arraycopy(sealed, HEADER + STORED_SEGMENT, reordered, HEADER + 2 * STORED_SEGMENT, STORED_SEGMENT);
    System.arraycopy(sealed, HEADER + 2 * STORED_SEGMENT, reordered, HEADER + STORED_SEGMENT, STORED_SEGMENT);
    assertFails(binding, reordered);
    byte[] extended = Arrays.copyOf(sealed, sealed.length + STORED_SEGMENT);
    System.arraycopy(sealed, HEADER, extended, sealed.length, STORED_SEGMENT);
    assertFails(binding, extended);
    byte[] flipped = sealed.clone();
    flipped[HEADER + 5] ^= 1;
    assertFails(binding, flipped);

    byte[] emptySealed = cipher.encrypting(binding, new ByteArrayInputStream(new byte[0])).readAllBytes();
    assertThat(cipher.decrypting(binding, new ByteArrayInputStream(emptySealed)).readAllBytes()).isEmpty();
  }

  @Test
  void plaintextStoredBeforeEncryptionStaysReadable() {
    String docId = upload(c.id(), "old.pdf", TestFiles.pdf());
    byte[] legacy = TestFiles.pdf();
    FileStore.StoredFile plain = fileStore.put(new ByteArrayInputStream(legacy));
    jdbc.sql("UPDATE document_version SET storage_key = :key, sha256 = :sha, size_bytes = :size, "
            + "content_case_id = NULL WHERE document_id = :id")
        .param("key", plain.key()).param("sha", plain.sha256()).param("size", plain.size()).param("id", docId)
        .update();

    assertThat(download(c.id(), docId, null).bytes()).isEqualTo(legacy);
  }

  @Test
  void keyRotationReSealsDocumentFilesUnderTheNewKey() throws IOException {
    byte[] pdf = TestFiles.pdf();
    String docId = upload(c.id(), "rotated.pdf", pdf);
    String oldStorageKey = (String) version(docId, 1).get("storage_key");
    String oldKeyId;
    try (var in = fileStore.get(oldStorageKey)) {
      oldKeyId = ContentCipher.keyIdOf(in).orElseThrow();
    }

    rotation.rotate(tenant, true, "test", null, null);

    String newStorageKey = (String) version(docId, 1).get("storage_key");
    assertThat(newStorageKey).isNotEqualTo(oldStorageKey);
    try (var in = fileStore.get(newStorageKey)) {
      assertThat(ContentCipher.keyIdOf(in).orElseThrow()).isNotEqualTo(oldKeyId);
    }
    assertThat(Files.exists(fileStore.path(oldStorageKey))).as("old file deleted").isFalse();
    assertThat(jdbc.sql("SELECT state FROM data_key WHERE id = :id").param("id", oldKeyId).query(String.class)
        .single()).isEqualTo("RETIRED");
    assertThat(download(c.id(), docId, null).bytes()).isEqualTo(pdf);
  }

  @Test
  void documentMovedByAMergeStillDecrypts() {
    byte[] pdf = TestFiles.pdf();
    String docId = upload(c.id(), "moved.pdf", pdf);
    // Created by the same agent: cases without a team are visible to their creator.
    CaseRecord survivor = seeder.withoutProcess(tenant, agent);

    documents.moveAll(c.id(), survivor.id());

    assertThat(download(survivor.id(), docId, null).bytes()).isEqualTo(pdf);
  }

  @Test
  void concurrentNewVersionsEachGetTheirOwnNumberAndDecrypt() throws Exception {
    String docId = upload(c.id(), "draft.pdf", TestFiles.pdf());
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      contents.add(TestFiles.pdf());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (byte[] content : contents) {
        statuses.add(pool.submit(() -> api.send(Multipart.file(api,
            "/api/v1/cases/" + c.id() + "/documents/" + docId + "/versions", "file", "v.pdf", content)).status()));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get(60, TimeUnit.SECONDS)).isIn(201, 409);
      }
    } finally {
      pool.shutdown();
    }
    List<Integer> versions = jdbc.sql("SELECT version FROM document_version WHERE document_id = :id ORDER BY version")
        .param("id", docId).query(Integer.class).list();
    assertThat(versions).hasSizeGreaterThan(1).startsWith(1, 2);
    Set<String> downloaded = new HashSet<>();
    for (int v : versions.subList(1, versions.size())) {
      ApiClient.Response response = download(c.id(), docId, v);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      downloaded.add(TestFiles.sha256(response.bytes()));
    }
    Set<String> uploaded = new HashSet<>();
    contents.forEach(content -> uploaded.add(TestFiles.sha256(content)));
    assertThat(uploaded).containsAll(downloaded);
    assertThat(downloaded).hasSize(versions.size() - 1);
  }

  private void assertFails(Binding binding, byte[] stored) {
    assertThatThrownBy(() -> cipher.decrypting(binding, new ByteArrayInputStream(stored)).readAllBytes())
        .isInstanceOf(DecryptionFailedException.class);
  }

  private static void assertIntegrityFailure(ApiClient.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(500);
    assertThat(response.json().path("type").asText()).isEqualTo("https://switchboard.dev/problems/integrity");
  }

  private static byte[] pdfOf(int size) {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, content, 0, head.length);
    return content;
  }

  private void setStorageKey(String docId, int version, String key) {
    jdbc.sql("UPDATE document_version SET storage_key = :key WHERE document_id = :id AND version = :v")
        .param("key", key).param("id", docId).param("v", version).update();
  }

  private Map<String, Object> version(String docId, int version) {
    return jdbc.sql("SELECT * FROM document_version WHERE document_id = :id AND version = :v")
        .param("id", docId).param("v", version).query().singleRow();
  }

  private String upload(String caseId, String fileName, byte[] content) {
    ApiClient.Response response = api.send(Multipart.file(api, "/api/v1/cases/" + caseId + "/documents", "file",
        fileName, content));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json().path("id").asText();
  }

  private ApiClient.Response download(String caseId, String docId, Integer version) {
    return api.get("/api/v1/cases/" + caseId + "/documents/" + docId + "/content"
        + (version == null ? "" : "?version=" + version));
  }
}
