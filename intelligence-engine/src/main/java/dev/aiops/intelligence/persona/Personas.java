package dev.aiops.intelligence.persona;

import dev.aiops.model.intelligence.Persona;
import org.springframework.stereotype.Component;

/** The persona feature's face to the chat: look a persona up by id. */
@Component
public class Personas {

    private final PersonaService service;

    Personas(PersonaService service) {
        this.service = service;
    }

    /** @throws PersonaNotFoundException (404 PERSONA_NOT_FOUND) for an unknown id */
    public Persona get(String id) {
        return service.get(id);
    }
}
