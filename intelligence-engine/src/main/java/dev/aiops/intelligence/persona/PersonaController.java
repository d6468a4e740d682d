package dev.aiops.intelligence.persona;

import dev.aiops.model.intelligence.Persona;
import dev.aiops.model.intelligence.PersonaRequest;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/personas")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "Personas", description = "System prompts and tool sets the assistant can take on")
class PersonaController {

    private final PersonaService personas;

    PersonaController(PersonaService personas) {
        this.personas = personas;
    }

    @GetMapping
    @Operation(summary = "List personas, built-in ones first")
    PagedResponse<Persona> list(PageQuery paging) {
        return personas.list(paging);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One persona")
    Persona get(@PathVariable String id) {
        return personas.get(id);
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a custom persona")
    ResponseEntity<Persona> create(@Valid @RequestBody PersonaRequest request, Principal user) {
        Persona persona = personas.create(request, user.getName());
        return ResponseEntity.created(URI.create("/api/v1/personas/" + persona.id()))
                .body(persona);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace a custom persona (built-in ones are read-only)")
    Persona update(@PathVariable String id, @Valid @RequestBody PersonaRequest request) {
        return personas.update(id, request);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Delete a custom persona (built-in ones are read-only)")
    ResponseEntity<Void> delete(@PathVariable String id) {
        personas.delete(id);
        return ResponseEntity.noContent().build();
    }
}
