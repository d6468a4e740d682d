package dev.aiops.intelligence.persona;

import dev.aiops.model.intelligence.Persona;
import dev.aiops.model.intelligence.PersonaRequest;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "persona")
class PersonaEntity {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(nullable = false)
    private String systemPrompt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<String> capabilities = new ArrayList<>();

    private String icon;

    @Column(nullable = false, updatable = false)
    private boolean isBuiltin;

    @Column(updatable = false)
    private String createdBy;

    @Version
    private Long version;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected PersonaEntity() {}

    /** A custom persona; built-in ones only come from migrations. */
    static PersonaEntity custom(PersonaRequest request, String createdBy, Instant now) {
        PersonaEntity entity = new PersonaEntity();
        entity.id = request.id();
        entity.name = request.name();
        entity.description = request.description();
        entity.systemPrompt = request.systemPrompt();
        entity.capabilities = new ArrayList<>(request.capabilities());
        entity.icon = request.icon();
        entity.isBuiltin = false;
        entity.createdBy = createdBy;
        entity.createdAt = now;
        entity.updatedAt = now;
        return entity;
    }

    void update(PersonaRequest request, Instant now) {
        name = request.name();
        description = request.description();
        systemPrompt = request.systemPrompt();
        capabilities = new ArrayList<>(request.capabilities());
        icon = request.icon();
        updatedAt = now;
    }

    boolean isBuiltin() {
        return isBuiltin;
    }

    Persona toView() {
        return new Persona(id, name, description, systemPrompt, capabilities, icon, isBuiltin, createdBy);
    }
}
