package org.kbbridge.adapter.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One PostgreSQL server per test JVM, started lazily, and a fresh database per test class. The server is the one in
 * KB_DB_URL (KB_DB_USER/KB_DB_PASSWORD; the user needs CREATEDB) when set, else zonky's embedded binaries. PostgreSQL
 * refuses to run as root, so as root (CI, sessions) the same binaries are started as the unprivileged user nobody.
 */
final class TestPostgres {

    record Coordinates(String jdbcUrl, String user, String password) {
    }

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Coordinates admin;

    private TestPostgres() {
    }

    /** A new, empty database on the shared server. */
    static Coordinates freshDatabase() {
        Coordinates server = server();
        String name = "kb_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + server.jdbcUrl(), e);
        }
        return new Coordinates(withDatabase(server.jdbcUrl(), name), server.user(), server.password());
    }

    private static synchronized Coordinates server() {
        if (admin == null) {
            String url = System.getenv("KB_DB_URL");
            if (url != null && !url.isBlank()) {
                admin = new Coordinates(url, System.getenv("KB_DB_USER"), System.getenv("KB_DB_PASSWORD"));
            } else if ("root".equals(System.getProperty("user.name"))) {
                admin = RootlessServer.start();
            } else {
                admin = startZonky();
            }
        }
        return admin;
    }

    private static Coordinates startZonky() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            return new Coordinates("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Replaces the database segment of a jdbc:postgresql://host:port/db?params URL. */
    static String withDatabase(String jdbcUrl, String database) {
        int hostStart = jdbcUrl.indexOf("//") + 2;
        int slash = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?', hostStart);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        String hostPort = jdbcUrl.substring(0, slash < 0 ? (query < 0 ? jdbcUrl.length() : query) : slash);
        return hostPort + "/" + database + params;
    }

    /** zonky's PostgreSQL binaries, run as nobody with runuser. */
    private static final class RootlessServer {

        static Coordinates start() {
            try {
                Path dir = Files.createTempDirectory("kb-pg-");
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                Path archive = dir.resolve("postgres.txz");
                try (InputStream in = TestPostgres.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
                    if (in == null) {
                        throw new IllegalStateException("zonky's linux-amd64 PostgreSQL binaries are not on the classpath");
                    }
                    Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
                }
                run(List.of("tar", "-xJf", archive.toString(), "-C", dir.toString()));
                Path data = dir.resolve("data");
                Files.createDirectory(data);
                UserPrincipalLookupService users = data.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(data, users.lookupPrincipalByName("nobody"));
                String bin = dir.resolve("bin").toString();
                asNobody(List.of(bin + "/initdb", "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF-8",
                        "--no-sync"));
                int port;
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                asNobody(List.of(bin + "/pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(),
                        "-w", "-t", "60", "-o", "-p " + port + " -h 127.0.0.1 -k " + data
                                + " -F -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                        "start"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        asNobody(List.of(bin + "/pg_ctl", "-D", data.toString(), "-m", "immediate", "stop"));
                    } catch (RuntimeException ignored) {
                        // best effort on the way out
                    }
                    deleteQuietly(dir);
                }));
                return new Coordinates("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }

        private static void asNobody(List<String> command) {
            List<String> full = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
            full.addAll(command);
            run(full);
        }

        private static void run(List<String> command) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static void deleteQuietly(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp files only
            }
        }
    }
}
