package org.patchwork.node.imports.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HexFormat;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Rows streamed into one table by PostgreSQL's COPY (text format), one row formatted at a time. The
 * caller's values never hold control characters (the caseload check refuses them); backslashes,
 * which would start an escape, are doubled.
 */
final class CopyRows implements AutoCloseable {

  private static final HexFormat HEX = HexFormat.of();

  private final PGCopyOutputStream out;
  private final StringBuilder line = new StringBuilder(256);
  private boolean first = true;

  /**
   * @param table the table and its columns, e.g. {@code client (id, council_ref)}
   */
  CopyRows(PGConnection connection, String table) throws SQLException {
    this.out = new PGCopyOutputStream(connection, "copy " + table + " from stdin", 64 * 1024);
  }

  /** A value whose text needs no escaping (ids, numbers, dates, enum names); null is SQL null. */
  CopyRows value(Object value) {
    separate();
    if (value == null) {
      line.append("\\N");
    } else {
      line.append(value);
    }
    return this;
  }

  /** Free text from the file, such as a name; null is SQL null. */
  CopyRows text(String value) {
    if (value == null || value.indexOf('\\') < 0) {
      return value(value);
    }
    separate();
    line.append(value.replace("\\", "\\\\"));
    return this;
  }

  /** A bytea value, as the hex form COPY reads. */
  CopyRows bytes(byte[] value) {
    separate();
    line.append("\\\\x");
    HEX.formatHex(line, value);
    return this;
  }

  void end() throws IOException {
    line.append('\n');
    out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    line.setLength(0);
    first = true;
  }

  private void separate() {
    if (!first) {
      line.append('\t');
    }
    first = false;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
