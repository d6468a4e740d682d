package dev.aiops.porch.repositories;

import org.springframework.data.jpa.repository.JpaRepository;

interface RegisteredRepositoryRepository extends JpaRepository<RegisteredRepositoryEntity, String> {}
