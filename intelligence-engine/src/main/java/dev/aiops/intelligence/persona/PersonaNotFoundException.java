package dev.aiops.intelligence.persona;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;

public class PersonaNotFoundException extends ApiException {

    private PersonaNotFoundException(String detail) {
        super(ErrorCode.PERSONA_NOT_FOUND, detail);
    }

    public static PersonaNotFoundException of(String id) {
        return new PersonaNotFoundException("No persona with id " + id);
    }
}
