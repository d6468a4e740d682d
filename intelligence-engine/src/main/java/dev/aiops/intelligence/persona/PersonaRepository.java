package dev.aiops.intelligence.persona;

import org.springframework.data.jpa.repository.JpaRepository;

interface PersonaRepository extends JpaRepository<PersonaEntity, String> {}
