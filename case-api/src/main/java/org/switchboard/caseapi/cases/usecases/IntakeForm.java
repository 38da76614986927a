package org.switchboard.caseapi.cases.usecases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.formdata.FormSchemaValidator;
import org.switchboard.caseapi.web.ApiException.FieldError;
import org.switchboard.process.caselifecycle.CaseLifecycle;

/**
 * Intake facts given with a new case are checked against the same CaseIntake form agents fill in
 * Tasklist, so the API cannot route on a category the form does not offer.
 */
@Component
public class IntakeForm {

  private final FormSchemaValidator validator;
  private final String schema;

  public IntakeForm(FormSchemaValidator validator) {
    this.validator = validator;
    this.schema = read("forms/" + CaseLifecycle.Forms.INTAKE + ".form");
  }

  public List<FieldError> validate(Map<String, Object> values, String prefix) {
    return validator.validate(schema, values, prefix, false);
  }

  private static String read(String path) {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Form " + path + " is missing from the classpath", e);
    }
  }
}
