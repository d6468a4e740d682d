package dev.aiops.intelligence.persona;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.intelligence.Persona;
import dev.aiops.model.intelligence.PersonaRequest;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.web.Pages;
import java.time.Instant;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class PersonaService {

    // built-in personas first, then by name
    private static final Sort LISTING = Sort.by(Sort.Order.desc("isBuiltin"), Sort.Order.asc("name"));

    private final PersonaRepository personas;

    PersonaService(PersonaRepository personas) {
        this.personas = personas;
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
    void delete(String id) {
        PersonaEntity persona = personas.findById(id).orElseThrow(() -> PersonaNotFoundException.of(id));
        if (persona.isBuiltin()) {
            throw new ApiException(ErrorCode.PERSONA_READONLY, "Persona " + id + " is built in and cannot be deleted");
        }
        personas.delete(persona);
    }

    private static ApiException alreadyExists(String id) {
        return new ApiException(ErrorCode.CONFLICT, "A persona with id " + id + " already exists");
    }
}
