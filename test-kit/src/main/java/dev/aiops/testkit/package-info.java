/**
 * Real servers for tests, without Docker: PostgreSQL 17 and Redis started once per JVM
 * ({@link dev.aiops.testkit.SharedPostgres}, {@link dev.aiops.testkit.SharedRedis}), a Redis a test can
 * take down and bring back ({@link dev.aiops.testkit.RedisServerHandle}), Prometheus and Alertmanager
 * from their Debian binaries ({@link dev.aiops.testkit.PrometheusServer},
 * {@link dev.aiops.testkit.AlertmanagerServer}), and {@link dev.aiops.testkit.RealInfrastructure} to
 * point a Spring test context at the shared PostgreSQL and Redis.
 */
package dev.aiops.testkit;
