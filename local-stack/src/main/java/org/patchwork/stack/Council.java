package org.patchwork.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The five Victorian councils of the pilot; any of them can run a node in the local stack. */
public enum Council {
  KINGSTON("kingston", "City of Kingston"),
  YARRA("yarra", "City of Yarra"),
  MELBOURNE("melbourne", "City of Melbourne"),
  BRIMBANK("brimbank", "Brimbank City Council"),
  WYNDHAM("wyndham", "Wyndham City Council");

  public static final List<Council> DEFAULTS = List.of(KINGSTON, YARRA, WYNDHAM);

  private final String id;
  private final String displayName;

  Council(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  public static Council byId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    for (Council council : values()) {
      if (council.id.equals(wanted)) {
        return council;
      }
    }
    throw new StackException(
        "Unknown council '" + id.trim() + "'. Choose from: " + knownIds() + ".");
  }

  /** Parses "kingston,yarra" in the order given, ignoring repeats. */
  public static List<Council> parseList(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      throw new StackException("No councils named. Choose from: " + knownIds() + ".");
    }
    LinkedHashSet<Council> councils = new LinkedHashSet<>();
    for (String id : commaSeparated.split(",")) {
      if (!id.isBlank()) {
        councils.add(byId(id));
      }
    }
    return new ArrayList<>(councils);
  }

  private static String knownIds() {
    return Arrays.stream(values()).map(Council::id).collect(Collectors.joining(", "));
  }
}
