package org.switchboard.workers.ai.cloud.openai;

import org.switchboard.workers.ai.AiProvider;

/** What every OpenAI-compatible provider shares: identity, version = model, availability. */
abstract class OpenAiProvider implements AiProvider {

  protected final OpenAiClient client;

  OpenAiProvider(OpenAiClient client) {
    this.client = client;
  }

  @Override
  public String id() {
    return OpenAiClient.PROVIDER_ID;
  }

  @Override
  public String version() {
    return client.model();
  }

  @Override
  public boolean external() {
    return client.external();
  }

  @Override
  public Availability availability() {
    return client.availability();
  }

  static double clamp(double value, double min, double max) {
    return Double.isNaN(value) ? min : Math.max(min, Math.min(max, value));
  }
}
