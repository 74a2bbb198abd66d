package org.patchwork.node.audit.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the node's audit signing key when the node starts, and stops the start when it cannot: a
 * node that silently made up a key would sign checkpoints nobody can check later.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuditSigning {

  public static final String KEY_FILE = "patchwork.audit.signing-key-file";
  private static final Logger LOG = Logger.getLogger(AuditSigning.class.getName());

  @Inject
  @ConfigProperty(name = KEY_FILE)
  Optional<String> keyFile;

  private AuditSigningKey key;

  @PostConstruct
  void load() {
    if (keyFile.isEmpty() || keyFile.get().isBlank()) {
      String why =
          "Refusing to start: "
              + KEY_FILE
              + " is not set. Point it at the PKCS#8 PEM file holding this node's audit signing"
              + " key (the launcher generates one per node in its state folder).";
      LOG.severe(why);
      throw new IllegalStateException(why);
    }
    try {
      key = AuditSigningKey.read(Path.of(keyFile.get()));
    } catch (IllegalArgumentException e) {
      String why = "Refusing to start: the audit signing key is unusable: " + e.getMessage();
      LOG.severe(why);
      throw new IllegalStateException(why, e);
    }
    LOG.info(() -> "Audit checkpoints are signed with key " + key.keyId());
  }

  public AuditSigningKey key() {
    return key;
  }
}
