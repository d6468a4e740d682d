package dev.aiops.testkit;

/** A running PostgreSQL server, whichever way it was started. */
interface PostgresServer extends AutoCloseable {

    String host();

    int port();

    String username();

    String password();

    /** Stops the server; must not throw, it runs from a shutdown hook. */
    @Override
    void close();
}
