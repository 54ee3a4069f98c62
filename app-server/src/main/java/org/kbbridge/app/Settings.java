package org.kbbridge.app;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration (SPEC 2): environment variables, overridden by the same names as {@code --kebab-case} flags
 * ({@code KB_HTTP_PORT} = {@code --http-port}). Values are checked here, so a bad one stops start-up with one line.
 */
public record Settings(
        String dbUrl,
        String dbUser,
        String dbPassword,
        int httpPort,
        Path dataDir,
        String adminToken,
        byte[] masterKey,
        boolean allowPrivateHosts,
        boolean clustered,
        Map<String, String> extra) {

    static final List<String> NAMES = List.of("KB_DB_URL", "KB_DB_USER", "KB_DB_PASSWORD", "KB_HTTP_PORT",
            "KB_DATA_DIR", "KB_ADMIN_TOKEN", "KB_MASTER_KEY", "KB_ALLOW_PRIVATE_HOSTS", "KB_CLUSTERED");

    public boolean embeddedDatabase() {
        return dbUrl == null;
    }

    /**
     * @param env the environment
     * @param flags {@code --name value} or {@code --name=value} pairs; names that are not settings are kept in
     *     {@link #extra()} for the command that reads them
     */
    public static Settings load(Map<String, String> env, List<String> flags) {
        Map<String, String> values = new HashMap<>();
        NAMES.forEach(n -> Optional.ofNullable(env.get(n)).ifPresent(v -> values.put(n, v)));
        Map<String, String> extra = new HashMap<>();
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            if (!flag.startsWith("--")) {
                throw new BadSettingException(flag, "unexpected argument; settings are given as --name value");
            }
            String name = flag.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < flags.size() && !flags.get(i + 1).startsWith("--")) {
                value = flags.get(++i);
            } else {
                value = "true";
            }
            String envName = "KB_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
            if (NAMES.contains(envName)) {
                values.put(envName, value);
            } else {
                extra.put(name, value);
            }
        }
        String dbUrl = blankToNull(values.get("KB_DB_URL"));
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new BadSettingException("KB_DB_URL", "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db)");
        }
        int port = parsePort(values.getOrDefault("KB_HTTP_PORT", "8080"));
        Path dataDir = Paths.get(values.getOrDefault("KB_DATA_DIR", "./data")).toAbsolutePath().normalize();
        byte[] masterKey = null;
        String key = blankToNull(values.get("KB_MASTER_KEY"));
        if (key != null) {
            masterKey = decodeMasterKey(key);
        } else if (dbUrl != null) {
            throw new BadSettingException("KB_MASTER_KEY", "is required when KB_DB_URL is set (base64 of 32 random "
                    + "bytes, e.g. from `openssl rand -base64 32`); it encrypts the Discourse credentials");
        }
        String adminToken = blankToNull(values.get("KB_ADMIN_TOKEN"));
        if (adminToken != null && adminToken.length() < 16) {
            throw new BadSettingException("KB_ADMIN_TOKEN", "must be at least 16 characters long");
        }
        return new Settings(dbUrl, blankToNull(values.get("KB_DB_USER")), values.get("KB_DB_PASSWORD"), port,
                dataDir, adminToken, masterKey, parseBoolean("KB_ALLOW_PRIVATE_HOSTS", values),
                parseBoolean("KB_CLUSTERED", values), Map.copyOf(extra));
    }

    static byte[] decodeMasterKey(String key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            throw new BadSettingException("KB_MASTER_KEY", "is not valid base64");
        }
        if (bytes.length != 32) {
            throw new BadSettingException("KB_MASTER_KEY", "must decode to exactly 32 bytes (got " + bytes.length + ")");
        }
        return bytes;
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new BadSettingException("KB_HTTP_PORT", "must be a port number from 0 to 65535, not '" + value + "'");
        }
    }

    private static boolean parseBoolean(String name, Map<String, String> values) {
        String value = values.getOrDefault(name, "false").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw new BadSettingException(name, "must be true or false, not '" + value + "'");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "Settings[dbUrl=" + dbUrl + ", httpPort=" + httpPort + ", dataDir=" + dataDir + ", clustered="
                + clustered + ", allowPrivateHosts=" + allowPrivateHosts + "]";
    }
}
