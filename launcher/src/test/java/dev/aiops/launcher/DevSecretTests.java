package dev.aiops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSecretTests {

    @Test
    void createdOnceWithOwnerOnlyPermissionsAndReused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve(DevSecret.FILE_NAME);

        String first = DevSecret.loadOrCreate(file);

        assertThat(Base64.getDecoder().decode(first)).hasSize(48);
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");

        String second = DevSecret.loadOrCreate(file);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void differentDataFoldersGetDifferentSecrets(@TempDir Path dir) throws Exception {
        assertThat(DevSecret.loadOrCreate(dir.resolve("a/dev-secret")))
                .isNotEqualTo(DevSecret.loadOrCreate(dir.resolve("b/dev-secret")));
    }

    @Test
    void looserPermissionsAreTightenedOnReuse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(DevSecret.FILE_NAME);
        Files.writeString(file, "existing-secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(DevSecret.loadOrCreate(file)).isEqualTo("existing-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void emptyFileIsReplaced(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve(DevSecret.FILE_NAME));
        assertThat(DevSecret.loadOrCreate(file)).isNotBlank();
    }
}
