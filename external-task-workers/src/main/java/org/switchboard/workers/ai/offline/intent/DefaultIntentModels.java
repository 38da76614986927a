package org.switchboard.workers.ai.offline.intent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.workers.ai.IntentClassifier.IntentModel;

/**
 * Intents shipped per sector, {@code ai/offline/intents/<sector>.tsv}: {@code intent<TAB>language<TAB>example},
 * {@code #} comments. English and Spanish examples live in one model; the classifier's character n-grams and
 * words cope with both.
 */
public final class DefaultIntentModels {

  public static final List<String> SECTORS = List.of("survivor-support", "healthcare", "customer-service");

  private DefaultIntentModels() {
  }

  public static IntentModel forSector(String sector) {
    if (!SECTORS.contains(sector)) {
      throw new IllegalArgumentException("no default intents for sector " + sector);
    }
    String resource = "ai/offline/intents/" + sector + ".tsv";
    try (InputStream in = DefaultIntentModels.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      byte[] bytes = in.readAllBytes();
      Map<String, List<String>> examples = new LinkedHashMap<>();
      BufferedReader reader = new BufferedReader(
          new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 3) {
          throw new IllegalStateException(resource + " line " + number + ": expected intent, language, example");
        }
        examples.computeIfAbsent(f[0].strip(), k -> new ArrayList<>()).add(f[2].strip());
      }
      List<IntentModel.Intent> intents = new ArrayList<>();
      examples.forEach((name, list) -> intents.add(new IntentModel.Intent(name, list)));
      String version = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
      return new IntentModel("default-" + sector, version, intents);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
