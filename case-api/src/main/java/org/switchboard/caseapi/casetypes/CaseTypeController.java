package org.switchboard.caseapi.casetypes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;

@Tag(name = "Case types", description = "Kinds of cases and the custom fields each one has")
@RestController
@RequestMapping("/api/v1/case-types")
public class CaseTypeController {

  private final CaseTypeCatalog catalog;
  private final ObjectMapper mapper;

  public CaseTypeController(CaseTypeCatalog catalog, ObjectMapper mapper) {
    this.catalog = catalog;
    this.mapper = mapper;
  }

  @Operation(summary = "Case types visible to the caller: shared ones and those of the caller's organisations")
  @GetMapping
  public List<CaseTypeView> list() {
    return catalog.visibleTo(CurrentUser.get()).stream().map(this::view).toList();
  }

  @Operation(summary = "One case type with its custom-field form; tenantId picks an organisation's own version")
  @GetMapping("/{key}")
  public CaseTypeView get(@PathVariable String key, @RequestParam(required = false) String tenantId) {
    return catalog.visibleTo(CurrentUser.get(), key, tenantId).map(this::view)
        .orElseThrow(() -> ApiException.notFound("Case type", key));
  }

  private CaseTypeView view(CaseType t) {
    try {
      return new CaseTypeView(t.key(), t.name(), t.sector(), t.processKey(), t.restricted(), t.shared(),
          t.tenantId(), mapper.readTree(t.formDefinition()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored form of case type " + t.key() + " is not JSON", e);
    }
  }
}
