package dev.aiops.testkit;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A service's own test database on the shared PostgreSQL, reached through a {@link TcpProxy}: taking the link
 * {@link #down()} cuts every open connection and refuses new ones, which is what a service sees when PostgreSQL
 * stops; {@link #up()} brings it back at the same address. For the database outage suites.
 *
 * <pre>{@code
 * static final ProxiedDatabase DATABASE = ProxiedDatabase.create("registry_outage");
 *
 * @DynamicPropertySource
 * static void throughTheProxy(DynamicPropertyRegistry registry) {
 *     DATABASE.register(registry);
 * }
 * }</pre>
 */
public final class ProxiedDatabase implements AutoCloseable {

    private final PostgresDatabase database;
    private final TcpProxy link;

    private ProxiedDatabase(PostgresDatabase database, TcpProxy link) {
        this.database = database;
        this.link = link;
    }

    public static ProxiedDatabase create(String name) {
        PostgresDatabase database = SharedPostgres.get().createDatabaseIfAbsent(name);
        return new ProxiedDatabase(database, TcpProxy.to(SharedPostgres.get().port()));
    }

    /** {@code spring.datasource.*} pointing at the database through the link. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + link.port() + "/" + database.name());
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
    }

    public void down() {
        link.down();
    }

    public void up() {
        link.up();
    }

    @Override
    public void close() {
        link.close();
    }
}
