package dev.aiops.intelligence.persona;

import dev.aiops.intelligence.tool.Tools;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.intelligence.Persona;
import dev.aiops.model.intelligence.PersonaRequest;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.web.Pages;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class PersonaService {

    // built-in personas first, then by name
    private static final Sort LISTING = Sort.by(Sort.Order.desc("isBuiltin"), Sort.Order.asc("name"));

    private final PersonaRepository personas;
    private final Tools tools;

    PersonaService(PersonaRepository personas, Tools tools) {
        this.personas = personas;
        this.tools = tools;
    }

    @Transactional(readOnly = true)
    PagedResponse<Persona> list(PageQuery paging) {
        return Pages.response(personas.findAll(Pages.pageable(paging, LISTING)), paging, PersonaEntity::toView);
    }

    @Transactional(readOnly = true)
    Persona get(String id) {
        return personas.findById(id).map(PersonaEntity::toView).orElseThrow(() -> PersonaNotFoundException.of(id));
    }

    @Transactional
    Persona create(PersonaRequest request, String createdBy) {
        checkCapabilities(request);
        if (personas.existsById(request.id())) {
            throw alreadyExists(request.id());
        }
        try {
            return personas.saveAndFlush(PersonaEntity.custom(request, createdBy, Instant.now()))
                    .toView();
        } catch (DataIntegrityViolationException e) {
            throw alreadyExists(request.id()); // created concurrently since the check above
        }
    }

    @Transactional
    Persona update(String id, PersonaRequest request) {
        if (!id.equals(request.id())) {
            throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "id", "must equal the id in the path");
        }
        PersonaEntity persona = personas.findById(id).orElseThrow(() -> PersonaNotFoundException.of(id));
        if (persona.isBuiltin()) {
            throw readOnly(id);
        }
        checkCapabilities(request);
        persona.update(request, Instant.now());
        return personas.saveAndFlush(persona).toView();
    }

    @Transactional
    void delete(String id) {
        PersonaEntity persona = personas.findById(id).orElseThrow(() -> PersonaNotFoundException.of(id));
        if (persona.isBuiltin()) {
            throw readOnly(id);
        }
        personas.delete(persona);
    }

    // a persona naming a tool that does not exist would fail only later, in front of a user
    private void checkCapabilities(PersonaRequest request) {
        List<String> unknown = request.capabilities().stream()
                .filter(name -> !tools.names().contains(name))
                .distinct()
                .toList();
        if (!unknown.isEmpty()) {
            throw ApiException.invalidField(
                    ErrorCode.VALIDATION_FAILED,
                    "capabilities",
                    "unknown tool(s) " + String.join(", ", unknown) + "; known: " + String.join(", ", tools.names()));
        }
    }

    private static ApiException readOnly(String id) {
        return new ApiException(ErrorCode.PERSONA_READONLY, "Persona " + id + " is built in and read-only");
    }

    private static ApiException alreadyExists(String id) {
        return new ApiException(ErrorCode.CONFLICT, "A persona with id " + id + " already exists");
    }
}
