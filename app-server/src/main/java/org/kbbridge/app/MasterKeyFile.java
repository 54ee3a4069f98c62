package org.kbbridge.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** In embedded mode the master key lives in the data dir (mode 0600), made on first start. */
final class MasterKeyFile {

    private MasterKeyFile() {
    }

    static byte[] loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("master.key");
        try {
            if (Files.exists(file)) {
                return Settings.decodeMasterKey(Files.readString(file));
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            return key;
        } catch (IOException e) {
            throw new BadSettingException("KB_DATA_DIR", "cannot read or create the master key file " + file + ": "
                    + e.getMessage());
        }
    }
}
