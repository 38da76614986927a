package org.switchboard.caseapi.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/**
 * The OpenAPI document of {@code /api/**} (served at {@code /v3/api-docs}, checked in as
 * docs/openapi.json): title, version of the build, HTTP basic on every operation, and the
 * {@code application/problem+json} body every error has.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  public static final String BASIC_AUTH = "basicAuth";
  public static final String PROBLEM = "Problem";
  public static final String PROBLEM_JSON = "application/problem+json";

  static {
    // Controllers and ProblemDetailsAdvice return Spring's ProblemDetail; clients see it as Problem.
    SpringDocUtils.getConfig().replaceWithSchema(ProblemDetail.class, problemRef());
  }

  @Bean
  OpenAPI switchboardOpenApi(ObjectProvider<BuildProperties> build) {
    BuildProperties properties = build.getIfAvailable();
    return new OpenAPI()
        .info(new Info()
            .title("Switchboard API")
            .version(properties == null ? "development" : properties.getVersion())
            .description("""
                Case management for Switchboard, the omnichannel call-center platform: cases and their \
                notes, documents, links and user tasks, per organisation (tenant). Every case is a BPMN \
                process instance on the embedded Camunda 7 engine (business key = case id).

                Authentication is HTTP basic against Camunda's users (the same logins as Tasklist and \
                Cockpit). Callers see only their own organisations' data; ids of other organisations' \
                records answer 404 like unknown ids.

                Errors are `application/problem+json` (RFC 9457). Invalid input answers 400 with an \
                `errors` array naming each field at fault; a concurrent change of the same record \
                answers 409."""))
        .components(new Components()
            .addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("basic")
                .description("A Camunda user id and password")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
  }

  /**
   * Adds the Problem schema (here, because springdoc drops schemas that no operation references before
   * customizers run) and, as every operation is behind HTTP basic, a 401 problem response to each.
   */
  @Bean
  OpenApiCustomizer problemResponses() {
    return openApi -> {
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      openApi.getComponents().addSchemas(PROBLEM, problemSchema());
      if (openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
        if (operation.getResponses() != null && !operation.getResponses().containsKey("401")) {
          operation.getResponses().addApiResponse("401", new ApiResponse()
              .description("Not authenticated")
              .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problemRef()))));
        }
      }));
    };
  }

  private static Schema<?> problemRef() {
    return new Schema<>().$ref("#/components/schemas/" + PROBLEM);
  }

  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description("An error (RFC 9457 problem details)")
        .addProperty("type", new StringSchema().format("uri")
            .description("Identifies the kind of problem; about:blank when the status says it all")
            .example("https://switchboard.dev/problems/validation"))
        .addProperty("title", new StringSchema().description("Short summary of the kind of problem")
            .example("Invalid request"))
        .addProperty("status", new IntegerSchema().description("HTTP status code").example(400))
        .addProperty("detail", new StringSchema().description("What went wrong in this occurrence")
            .example("priority: must not be null"))
        .addProperty("instance", new StringSchema().format("uri").description("The request path"))
        .addProperty("errors", new ArraySchema()
            .description("Validation problems only: each field at fault")
            .items(new ObjectSchema()
                .addProperty("field", new StringSchema().description("JSON path of the field")
                    .example("customFields.reference"))
                .addProperty("message", new StringSchema().example("must not be blank"))))
        .required(List.of("title", "status"));
  }
}
