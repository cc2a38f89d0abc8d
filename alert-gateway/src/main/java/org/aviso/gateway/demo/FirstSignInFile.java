package org.aviso.gateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The first-sign-in credentials of a first start, in a file only the service's own user may read ({@code 0600}) in
 * the data folder. Never a log line or the console: under systemd the console is the journal, kept for weeks. The
 * file is created with its permissions already set (no moment where others could read it); a file left from an
 * earlier first start is replaced.
 */
final class FirstSignInFile {

    static final String NAME = "first-sign-in.txt";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private FirstSignInFile() {
    }

    static Path write(Path dataDirectory, List<String> lines) {
        try {
            Files.createDirectories(dataDirectory);
            Path file = dataDirectory.resolve(NAME).toAbsolutePath().normalize();
            Files.deleteIfExists(file);
            byte[] text = (String.join(System.lineSeparator(), lines) + System.lineSeparator())
                    .getBytes(StandardCharsets.UTF_8);
            boolean posix = Files.getFileStore(dataDirectory).supportsFileAttributeView("posix");
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            Files.write(file, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (FileAlreadyExistsException raced) {
            throw new IllegalStateException("Another process created " + NAME + " at the same time", raced);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the first-sign-in file in " + dataDirectory, e);
        }
    }
}
