package dev.aiops.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The development signing secret shared by every service (dev sign-in tokens): 48 random bytes,
 * base64, generated once and kept in the data folder with owner-only permissions, so tokens stay
 * valid across restarts and {@code --wipe} rotates it.
 */
public final class DevSecret {

    public static final String FILE_NAME = "dev-secret";
    static final int BYTES = 48;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DevSecret() {}

    /** Reads the secret in {@code file}, creating it first if it is missing or empty. */
    public static String loadOrCreate(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String existing = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!existing.isEmpty()) {
                restrict(file);
                return existing;
            }
            Files.delete(file);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] bytes = new byte[BYTES];
        new SecureRandom().nextBytes(bytes);
        String secret = Base64.getEncoder().encodeToString(bytes);
        try {
            if (posix(file)) {
                // created with 600 from the start: the secret is never readable by others
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return loadOrCreate(file);
        }
        Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
        restrict(file);
        return secret;
    }

    private static void restrict(Path file) throws IOException {
        if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
