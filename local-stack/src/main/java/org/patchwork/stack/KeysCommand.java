package org.patchwork.stack;

import com.nimbusds.jose.jwk.ECKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.patchwork.protocol.envelope.PartyKeys;
import org.patchwork.protocol.trust.CouncilKey;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./patchwork keys}: every key a real deployment needs, generated into new private files of
 * one folder, named as the charts mount them (docs/operations.md), with the {@code kubectl}
 * commands that turn them into Secrets. A council's node: {@code --council kingston}; the
 * federation's matching key (once, shared with every council): {@code --matching}; the broker's
 * keys: {@code --broker}. Existing files are never overwritten.
 */
@Command(
    name = "keys",
    description =
        "Generates the keys of a council's node (--council ID), of the broker (--broker) or the"
            + " federation matching key (--matching) into a new folder, and prints how to make"
            + " them Kubernetes Secrets.")
final class KeysCommand implements Callable<Integer> {

  @CommandLine.ParentCommand Patchwork parent;

  static final class Whose {
    @Option(names = "--council", description = "A council's id, e.g. kingston.")
    String council;

    @Option(names = "--broker", description = "The federation broker's keys.")
    boolean broker;

    @Option(names = "--matching", description = "The federation matching key (one per federation).")
    boolean matching;
  }

  @ArgGroup(multiplicity = "1")
  Whose whose;

  @Option(names = "--out", required = true, description = "A folder to create or an empty one.")
  Path out;

  @Option(
      names = "--namespace",
      description = "The Kubernetes namespace the printed commands create the Secrets in.")
  String namespace;

  @Override
  public Integer call() throws IOException {
    List<String> files = planned();
    for (String file : files) {
      if (Files.exists(out.resolve(file))) {
        parent.out.println(out.resolve(file) + " exists: keys are never overwritten.");
        return 1;
      }
    }
    PrivateFiles.folder(out);
    String ns = namespace == null ? "" : " -n " + namespace;
    if (whose.council != null) {
      String id = whose.council;
      if (!id.matches("[a-z][a-z0-9-]{1,30}")) {
        throw new StackException("--council is the council's id: lower case, e.g. kingston.");
      }
      ECKey councilKey = CouncilKey.generate(id);
      PrivateFiles.write(out.resolve("council-key.json"), councilKey.toJSONString());
      PartyKeys node = PartyKeys.generate(id);
      PrivateFiles.write(out.resolve("node-keys.json"), node.toPrivateJson());
      Files.writeString(out.resolve("node-public-keys.json"), node.publicKeys().toString());
      AuditSigningKeys.write(out.resolve("audit-signing-key.pem"));
      String fingerprint = CouncilKey.fingerprint(councilKey);
      parent.out.println("Keys of " + id + "'s node written to " + out.toAbsolutePath());
      parent.out.println("Council key fingerprint: " + fingerprint);
      parent.out.println("Read out as:             " + CouncilKey.grouped(fingerprint));
      parent.out.println("Secrets (the tenant-node chart's defaults name these keys):");
      parent.out.println(secret(ns, id + "-council-key", "council-key.json"));
      parent.out.println(secret(ns, id + "-node-keys", "node-keys.json"));
      parent.out.println(secret(ns, id + "-audit-key", "audit-signing-key.pem"));
      parent.out.println(
          "Send node-public-keys.json, the fingerprint and the node's https address to the"
              + " federation operators; keep council-key.json offline as well (it cannot be"
              + " recovered).");
    } else if (whose.broker) {
      PartyKeys broker = PartyKeys.generate("broker");
      PrivateFiles.write(out.resolve("broker-keys.json"), broker.toPrivateJson());
      Files.writeString(out.resolve("broker-public-keys.json"), broker.publicKeys().toString());
      parent.out.println("The broker's keys written to " + out.toAbsolutePath());
      parent.out.println(secret(ns, "broker-keys", "broker-keys.json"));
      parent.out.println(
          "Give broker-public-keys.json to every council; each makes it a Secret:\n"
              + secret(" -n <council namespace>", "broker-public-keys", "broker-public-keys.json"));
    } else {
      MatchingKeyFile.write(out.resolve("matching-key.json"), "federation-");
      parent.out.println("The federation matching key written to " + out.toAbsolutePath());
      parent.out.println(
          "Hand it to each council's platform team by a channel the broker's operators do not"
              + " control (the broker must never hold it); each makes it a Secret:\n"
              + secret(" -n <council namespace>", "federation-matching-key", "matching-key.json"));
    }
    return 0;
  }

  private List<String> planned() {
    if (whose.council != null) {
      return List.of(
          "council-key.json", "node-keys.json", "node-public-keys.json", "audit-signing-key.pem");
    }
    if (whose.broker) {
      return List.of("broker-keys.json", "broker-public-keys.json");
    }
    return List.of("matching-key.json");
  }

  private String secret(String namespace, String name, String file) {
    return "  kubectl"
        + namespace
        + " create secret generic "
        + name
        + " --from-file="
        + file
        + "="
        + out.toAbsolutePath().resolve(file);
  }
}
