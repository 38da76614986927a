package org.switchboard.caseapi.contacts;

/** Aggregate type of contact events in the outbox (the Kafka key is the contact id). */
final class ContactEvents {

  static final String AGGREGATE = "Contact";

  private ContactEvents() {
  }
}
