package org.kbbridge.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Real PostgreSQL binaries (zonky), with the cluster kept in {@code <data dir>/postgres} across restarts. */
final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Starts the cluster in {@code <dataDir>/postgres}. The data dir is locked for as long as this process uses it;
     * a server left running by a kb-bridge that was killed (kill -9 does not reach PostgreSQL, a child process) is
     * stopped first, since nobody else can be using it.
     */
    static EmbeddedDatabase start(Path dataDir) {
        Path cluster = dataDir.resolve("postgres");
        FileChannel channel = null;
        try {
            Files.createDirectories(cluster);
            channel = FileChannel.open(dataDir.resolve("kb-bridge.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new BadSettingException("KB_DATA_DIR", dataDir + " is in use by another running kb-bridge; "
                        + "stop it or give this one another data dir");
            }
            stopOrphan(cluster.resolve("postmaster.pid"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDir.resolve("postgres-binaries").toFile())
                    .start();
            return new EmbeddedDatabase(postgres, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BadSettingException("KB_DATA_DIR", "embedded PostgreSQL could not start in " + cluster + ": "
                    + e.getMessage());
        }
    }

    private static void stopOrphan(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim).filter(s -> s.matches("[0-9]+")).flatMap(s -> ProcessHandle.of(Long.parseLong(s)))
                .filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty()) {
            // the cluster is crash-safe; only the stale lock file is in the way
            Files.deleteIfExists(pidFile);
            return;
        }
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("a PostgreSQL server left running on this data dir (pid " + postmaster.get().pid()
                    + ") did not stop", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing else to release
            }
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
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
