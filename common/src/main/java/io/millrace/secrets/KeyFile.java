package io.millrace.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/** The encryption key a standalone server keeps under its data directory: made on the first start, reused after. */
public final class KeyFile {

    /** The file's name in the data directory. */
    public static final String NAME = "encryption.key";

    private KeyFile() {
    }

    /**
     * The key file in {@code dir}, created with a new random key (readable by its owner only) when it
     * does not exist yet. Answers the file's path; the key itself is read by {@link EncryptionSettings}.
     */
    public static Path ensure(Path dir) {
        Path file = dir.resolve(NAME);
        if (Files.exists(file)) {
            EncryptionSettings.read(file); // fail at start, not at the first SECRET input
            return file;
        }
        try {
            Files.createDirectories(dir);
            byte[] text = Base64.getEncoder().encode(SecretCipher.newKey());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // created owner-only, so the key is never readable by others, not even for a moment
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.write(file, text, StandardOpenOption.WRITE);
            return file;
        } catch (FileAlreadyExistsException e) {
            return file; // another process made it first
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the encryption key file " + file + ": " + e.getMessage(), e);
        }
    }
}
