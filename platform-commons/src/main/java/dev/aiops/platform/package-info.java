/**
 * Spring glue every AIOps NextGen service shares, auto-configured by being on the classpath:
 * problem+json errors ({@code error}), JWT resource-server security and the dev issuer ({@code security}),
 * the Redis event bus ({@code events}), the transactional outbox ({@code outbox}), request ids and
 * service-to-service clients ({@code web}), and the platform's default settings ({@code config}).
 */
package dev.aiops.platform;
