package org.kbbridge.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real PostgreSQL binaries (zonky), with the cluster kept in {@code <data dir>/postgres} across restarts. */
final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDir) {
        Path cluster = dataDir.resolve("postgres");
        try {
            Files.createDirectories(cluster);
            // A process killed with -9 leaves its lock file behind; the cluster itself is crash-safe.
            Path pid = cluster.resolve("postmaster.pid");
            if (Files.exists(pid) && !postmasterAlive(pid)) {
                Files.delete(pid);
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDir.resolve("postgres-binaries").toFile())
                    .start();
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new BadSettingException("KB_DATA_DIR", "embedded PostgreSQL could not start in " + cluster + ": "
                    + e.getMessage());
        }
    }

    private static boolean postmasterAlive(Path pidFile) throws IOException {
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        try {
            return ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    String user() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
