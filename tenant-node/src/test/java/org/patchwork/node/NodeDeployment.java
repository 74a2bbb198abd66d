package org.patchwork.node;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The node exactly as built by this module, so the tests run what a council deploys. */
public final class NodeDeployment {

  private NodeDeployment() {}

  public static WebArchive asBuilt() {
    return ShrinkWrap.create(ZipImporter.class, "tenant-node.war")
        .importFrom(new File("target/tenant-node.war"))
        .as(WebArchive.class);
  }
}
