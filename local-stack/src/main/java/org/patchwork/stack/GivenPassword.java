package org.patchwork.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * A password a person gives the launcher for an account that is not a demo one: on standard input
 * or in {@code PATCHWORK_PASSWORD}, never as an argument, which other users of the machine see in
 * {@code ps} and the shell keeps in its history. Mixed into the commands that sign in.
 */
final class GivenPassword {

  static final String ENVIRONMENT = "PATCHWORK_PASSWORD";

  @Option(
      names = "--password-stdin",
      description =
          "Read the password from the first line of standard input (else PATCHWORK_PASSWORD).")
  boolean fromStdin;

  /** Kept only to refuse it with a reason: picocli would call it merely unknown. */
  @Option(names = "--password", hidden = true)
  String onCommandLine;

  /** The password given, if any; refuses one on the command line. */
  Optional<String> read() {
    return read(System.in, System.getenv(ENVIRONMENT));
  }

  Optional<String> read(InputStream stdin, String environment) {
    if (onCommandLine != null) {
      throw new StackException(
          "A password on the command line is seen by every user of this machine (ps, shell"
              + " history): give it on standard input with --password-stdin, or in "
              + ENVIRONMENT
              + ".");
    }
    if (fromStdin) {
      try {
        String line =
            new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
          throw new StackException("--password-stdin: standard input held no password.");
        }
        return Optional.of(line);
      } catch (IOException e) {
        throw new StackException("--password-stdin: standard input could not be read.");
      }
    }
    return Optional.ofNullable(environment).filter(value -> !value.isEmpty());
  }
}
