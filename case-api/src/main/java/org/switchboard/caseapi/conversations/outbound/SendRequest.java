package org.switchboard.caseapi.conversations.outbound;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A send request: exactly one of {@code text}, {@code templateId} and {@code cannedResponseId}.
 *
 * @param recipient the contact (their handle on the channel is used) or an explicit address
 * @param variables values of the template's or canned response's {{variables}}
 * @param attachments ids of documents of the case
 * @param subject email only
 * @param channel Messenger endpoint only: MESSENGER (default) or INSTAGRAM
 * @param accountId the tenant's channel account to send from; default: the conversation's, else the tenant's first
 * @param overridePreferences supervisors and admins: send although the contact's safe channels or times say no
 *     (never for survivor support, never against an opt-out)
 */
public record SendRequest(
    @NotBlank @Size(max = 36) String caseId,
    @NotNull @Valid Recipient recipient,
    @Size(max = 4096) String text,
    @Size(max = 36) String templateId,
    @Size(max = 36) String cannedResponseId,
    @Size(max = 50) Map<@Size(max = 64) String, @NotNull @Size(max = 1000) String> variables,
    @Size(max = 10) List<@NotBlank @Size(max = 36) String> attachments,
    @Size(max = 998) String subject,
    @Size(max = 20) String channel,
    @Size(max = 36) String accountId,
    Boolean overridePreferences) {

  /** @param contactId a contact of the case's tenant; @param address E.164 number, email address or handle */
  public record Recipient(@Size(max = 36) String contactId, @Size(max = 320) String address) {
  }
}
