package org.patchwork.node.federation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.edge.database.SchemaMigrations;
import org.patchwork.fixtures.FederationInfrastructure;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Rollback protection that survives a restart, on the real node database (migrated here with the
 * node's own migrations): each {@link DirectorySequence} made here is a node that just started and
 * knows nothing but what its database holds.
 */
@ExtendWith(FederationInfrastructure.class)
class DirectorySequenceIT {

  private static PGSimpleDataSource dataSource;

  @BeforeAll
  static void migrate() {
    FederationInfrastructure.NodeDatabase db = FederationInfrastructure.nodeDatabase();
    dataSource = new PGSimpleDataSource();
    dataSource.setUrl(db.url());
    dataSource.setUser(db.user());
    dataSource.setPassword(db.password());
    SchemaMigrations.apply(dataSource, DirectorySequenceIT.class.getClassLoader());
  }

  private static DirectorySequence startedNode() {
    DirectorySequence sequences = new DirectorySequence();
    sequences.dataSource = dataSource;
    return sequences;
  }

  @Test
  void aRestartedNodeStillRefusesADirectoryOlderThanOneItAcceptedBefore() {
    DirectorySequence before = startedNode();
    long accepted = before.highest() + 1_000;
    before.admit(accepted);

    DirectorySequence restarted = startedNode();

    assertThatThrownBy(() -> restarted.admit(accepted - 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("older than the " + accepted)
        .hasMessageContaining("a replay or a rollback");
    assertThat(restarted.highest()).as("a refused bundle lowers nothing").isEqualTo(accepted);
  }

  @Test
  void acceptsTheSameDirectoryAgainAndANewerOne() {
    DirectorySequence node = startedNode();
    long accepted = node.highest() + 10;
    node.admit(accepted);

    startedNode().admit(accepted);
    startedNode().admit(accepted + 1);

    assertThat(startedNode().highest()).isEqualTo(accepted + 1);
  }
}
