package org.patchwork.node.audit.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Starts the audit linker once the schema is migrated (its first run links whatever an earlier
 * process appended and could not link before it stopped), and stops it with the application.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class AuditLinking {

  @Inject AuditLinker linker;

  @PostConstruct
  void start() {
    linker.start();
  }

  @PreDestroy
  void stop() {
    linker.stop();
  }
}
