package org.patchwork.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files and folders of the launcher's state that only its own user may read: keys, secrets,
 * settings, logs and realm files hold passwords, client secrets and demo people, and the machine
 * may have other users.
 */
final class PrivateFiles {

  private PrivateFiles() {}

  /** Creates the folder (and any missing parents) readable by its owner only. */
  static Path folder(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    return folder;
  }

  /**
   * The top of the launcher's state: other users may pass through it (PostgreSQL runs as its own
   * user and must reach its data folder inside) but not list it; what lies inside is private.
   */
  static Path passThrough(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
    return folder;
  }

  /**
   * Writes the file in one step (a reader never sees half of it) with mode 600 from its first byte.
   */
  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    Files.createFile(
        temporary,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /**
   * An empty file for a process to append to (a log), mode 600, if none exists yet, in a private
   * folder.
   */
  static Path appendable(Path file) throws IOException {
    folder(file.getParent());
    if (!Files.exists(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return file;
  }
}
