package org.switchboard.workers.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.workers.ai.IntentClassifier;
import org.switchboard.workers.ai.IntentClassifier.IntentModel;
import org.switchboard.workers.ai.IntentClassifier.IntentResult;
import org.switchboard.workers.ai.ProviderSettings;
import org.switchboard.workers.ai.offline.intent.DefaultIntentModels;
import org.switchboard.workers.ai.offline.intent.SimilarityIntentClassifierFactory;

class SimilarityIntentClassifierTest {

  private static final SimilarityIntentClassifierFactory FACTORY = new SimilarityIntentClassifierFactory();
  private final IntentClassifier classifier = FACTORY.create(ProviderSettings.none());

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "customer-service | my package still has not arrived, where is it? | delivery",
      "customer-service | I got charged two times this month | billing",
      "customer-service | quiero darme de baja del servicio | cancel_subscription",
      "customer-service | the wifi router is not conecting | technical_problem",
      "customer-service | necesito que me devuelvan el dinero del pedido | refund",
      "healthcare | could I get a repeat prescription for my inhaler | prescription",
      "healthcare | no podré ir a la cita del jueves, quiero anularla | cancel_appointment",
      "healthcare | are the results of my blood tests back yet | test_results",
      "survivor-support | how do I apply for a protection order | legal_help",
      "survivor-support | necesito un sitio seguro donde dormir esta noche | shelter_housing",
      "survivor-support | i need somewere safe to stay tonite | shelter_housing",
  })
  void recognisesParaphrasesMisspellingsAndSpanish(String sector, String text, String intent) {
    IntentResult result = classifier.classify(text, null, DefaultIntentModels.forSector(sector));
    assertThat(result.intent()).as(text + " → " + result.ranking()).isEqualTo(intent);
    assertThat(result.confidence()).isGreaterThanOrEqualTo(0.25);
  }

  @Test
  void unrelatedTextHasNoIntent() {
    IntentModel model = DefaultIntentModels.forSector("customer-service");
    IntentResult result = classifier.classify("the weather in Lisbon was lovely last summer", "en", model);
    assertThat(result.intent()).isNull();
    assertThat(result.confidence()).isLessThan(0.25);
    assertThat(result.ranking()).isNotEmpty();
  }

  @Test
  void thresholdComesFromTheSettings() {
    IntentModel model = DefaultIntentModels.forSector("customer-service");
    IntentClassifier strict = FACTORY.create(new ProviderSettings(java.util.Map.of("threshold", "0.99")));
    assertThat(strict.classify("my parcel still hasn't come", "en", model).intent()).isNull();
    assertThat(classifier.classify("my parcel still hasn't come", "en", model).intent()).isEqualTo("delivery");
  }

  @Test
  void tenantModelsAreTrainedOnFirstUse() {
    IntentModel custom = new IntentModel("tenant-x", "3", java.util.List.of(
        new IntentModel.Intent("pet_policy", java.util.List.of("can I bring my dog", "are pets allowed")),
        new IntentModel.Intent("parking", java.util.List.of("where can I park", "is there parking"))));
    assertThat(classifier.classify("is my dog allowed in the shelter", "en", custom).intent()).isEqualTo("pet_policy");
  }
}
