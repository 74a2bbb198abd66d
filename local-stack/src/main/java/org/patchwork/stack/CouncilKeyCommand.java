package org.patchwork.stack;

import com.nimbusds.jose.jwk.ECKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.patchwork.protocol.trust.CouncilKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./patchwork council-key <council> --out FILE}: generates a real council's council key into
 * a new file only its owner can read, and prints the fingerprint to read out to the other councils.
 * The file becomes the node's {@code patchwork.council.key-file} (a Kubernetes Secret of its own).
 */
@Command(
    name = "council-key",
    description =
        "Generates a council's long-lived council key (EC P-256 JWK) into a new private file and"
            + " prints its fingerprint.")
final class CouncilKeyCommand implements Callable<Integer> {

  @CommandLine.ParentCommand Patchwork parent;

  @Parameters(index = "0", description = "The council's id, e.g. kingston.")
  String council;

  @Option(
      names = "--out",
      required = true,
      description = "The file to create; an existing file is never overwritten.")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(out)) {
      parent.out.println(out + " exists: a council key is never overwritten.");
      return 1;
    }
    ECKey key = CouncilKey.generate(council);
    Path parentFolder = out.toAbsolutePath().getParent();
    if (parentFolder != null) {
      Files.createDirectories(parentFolder);
    }
    PrivateFiles.write(out, key.toJSONString());
    String fingerprint = CouncilKey.fingerprint(key);
    parent.out.println("Council key for " + council + " written to " + out);
    parent.out.println("Fingerprint:          " + fingerprint);
    parent.out.println("Read out as:          " + CouncilKey.grouped(fingerprint));
    parent.out.println(
        "Give it to the other councils' admins on paper or by phone; set"
            + " patchwork.council.key-file="
            + out.toAbsolutePath()
            + " on this council's node.");
    return 0;
  }
}
