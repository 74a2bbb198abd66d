package org.patchwork.stack;

import com.nimbusds.jose.jwk.ECKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import org.patchwork.protocol.trust.CouncilKey;

/**
 * Each demo council's council key, generated once into the state folder (readable by us only) and
 * kept apart from the node's working keys, as a real council keeps it in its own secret. The node
 * reads it from {@code patchwork.council.key-file}.
 */
final class CouncilKeyFiles {

  private CouncilKeyFiles() {}

  static synchronized Path ensure(Path folder, String council) {
    Path file = folder.resolve(council + ".council-key.jwk");
    if (Files.exists(file)) {
      return file;
    }
    try {
      PrivateFiles.folder(folder);
      return PrivateFiles.write(file, CouncilKey.generate(council).toJSONString());
    } catch (IOException e) {
      throw new StackException(
          "Cannot write the council key of " + council + " to " + file + ": " + e.getMessage(), e);
    }
  }

  /** The fingerprint other councils pin, as the council reads it out to them. */
  static String fingerprint(Path folder, String council) {
    try {
      ECKey key = CouncilKey.parse(Files.readString(ensure(folder, council)));
      return CouncilKey.fingerprint(key);
    } catch (IOException | ParseException e) {
      throw new StackException("Cannot read the council key of " + council + ": " + e, e);
    }
  }
}
