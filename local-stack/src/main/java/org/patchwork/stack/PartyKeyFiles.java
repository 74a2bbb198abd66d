package org.patchwork.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.patchwork.protocol.envelope.PartyKeys;

/**
 * The parties' private keys for the local stack, generated once into the state folder (readable by
 * us only) as a Kubernetes Secret would hold them in production.
 */
final class PartyKeyFiles {

  private PartyKeyFiles() {}

  static synchronized Path ensure(Path folder, String party) {
    Path file = folder.resolve(party + ".jwks");
    if (Files.exists(file)) {
      return file;
    }
    try {
      PrivateFiles.folder(folder);
      return PrivateFiles.write(file, PartyKeys.generate(party).toPrivateJson());
    } catch (IOException e) {
      throw new StackException(
          "Cannot write the keys of " + party + " to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The party's public keys, as other parties are configured with them (a node trusts the broker's
   * signature by this file, not by asking the broker who it is).
   */
  static synchronized Path publicKeys(Path folder, String party) {
    Path privateFile = ensure(folder, party);
    Path file = folder.resolve(party + ".public.jwks");
    try {
      String json =
          PartyKeys.fromPrivateJson(party, Files.readString(privateFile)).publicKeys().toString();
      if (!Files.exists(file) || !Files.readString(file).equals(json)) {
        Files.writeString(file, json);
      }
      return file;
    } catch (IOException | java.text.ParseException e) {
      throw new StackException(
          "Cannot write the public keys of " + party + " to " + file + ": " + e.getMessage(), e);
    }
  }
}
