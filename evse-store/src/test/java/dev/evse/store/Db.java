package dev.evse.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC reads of a session database, for checking what is on disk. */
final class Db implements AutoCloseable {
  private final Connection c;

  Db(Path file) {
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows of {@code sql}, each column as a string (null stays null). */
  List<List<String>> rows(String sql) {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      List<List<String>> out = new ArrayList<>();
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(r.getString(i));
        }
        out.add(row);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The single value of {@code sql}. */
  String one(String sql) {
    List<List<String>> r = rows(sql);
    return r.isEmpty() ? null : r.get(0).get(0);
  }

  long count(String sql) {
    return Long.parseLong(one(sql));
  }

  void exec(String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  Connection connection() {
    return c;
  }

  @Override
  public void close() {
    try {
      c.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
