package org.patchwork.protocol.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The nickname, transliteration and particle tables. They live in resource files beside this class
 * so that a practitioner's "we call him Con" can be added without touching code, and are read once
 * per class loader.
 */
final class NameVariants {

  private static final NameVariants TABLES = load();

  private final Map<String, Set<String>> nicknames;
  private final Map<String, String> spellings;
  private final Set<String> familyParticles;
  private final Set<String> givenMarkers;
  private final Set<String> sharedGivenNeighbours;

  private NameVariants(
      Map<String, Set<String>> nicknames,
      Map<String, String> spellings,
      Set<String> familyParticles,
      Set<String> givenMarkers,
      Set<String> sharedGivenNeighbours) {
    this.nicknames = nicknames;
    this.spellings = spellings;
    this.familyParticles = familyParticles;
    this.givenMarkers = givenMarkers;
    this.sharedGivenNeighbours = sharedGivenNeighbours;
  }

  /**
   * Whether two known given names (given-names.txt) have this spelling in their deletion
   * neighbourhoods, so that a one-letter difference through it may be two names, not a typo.
   */
  boolean isSharedGivenNeighbour(String neighbour) {
    return sharedGivenNeighbours.contains(neighbour);
  }

  /** The name itself and every spelling of it with one character deleted. */
  static Set<String> deletionNeighbourhood(String name) {
    Set<String> neighbours = new LinkedHashSet<>(name.length() + 1);
    neighbours.add(name);
    for (int i = 0; i < name.length(); i++) {
      neighbours.add(name.substring(0, i) + name.substring(i + 1));
    }
    return neighbours;
  }

  static NameVariants tables() {
    return TABLES;
  }

  /**
   * The normalised given name itself, its transliteration and, for a single name, what it may be
   * short for. Two given names are variants when their forms intersect.
   */
  Set<String> givenForms(String name) {
    Set<String> forms = new LinkedHashSet<>(4);
    forms.add(name);
    forms.add(spelling(name));
    // A nickname stands for one name, so "Tom Kate" is not read as Thomas Katherine.
    Set<String> longNames = name.indexOf(' ') < 0 ? nicknames.get(name) : null;
    if (longNames != null) {
      for (String longName : longNames) {
        forms.add(longName);
        forms.add(spelling(longName));
      }
    }
    return forms;
  }

  /** The normalised family name itself and its transliteration. */
  Set<String> familyForms(String name) {
    String spelling = spelling(name);
    return spelling.equals(name) ? Set.of(name) : Set.of(name, spelling);
  }

  boolean isFamilyParticle(String part) {
    return familyParticles.contains(part);
  }

  boolean isGivenMarker(String part) {
    return givenMarkers.contains(part);
  }

  private String spelling(String name) {
    if (name.indexOf(' ') < 0) {
      return spellings.getOrDefault(name, name);
    }
    StringBuilder canonical = new StringBuilder(name.length());
    for (String part : name.split(" ")) {
      if (canonical.length() > 0) {
        canonical.append(' ');
      }
      canonical.append(spellings.getOrDefault(part, part));
    }
    return canonical.toString();
  }

  private static NameVariants load() {
    Map<String, Set<String>> nicknames = new HashMap<>();
    read(
        "nicknames.txt",
        (canonical, variants) -> {
          for (String variant : variants) {
            nicknames.computeIfAbsent(variant, v -> new LinkedHashSet<>(2)).add(canonical);
          }
        });
    Map<String, String> spellings = new HashMap<>();
    read(
        "transliterations.txt",
        (canonical, variants) -> {
          for (String variant : variants) {
            String earlier = spellings.putIfAbsent(variant, canonical);
            if (earlier != null && !earlier.equals(canonical)) {
              // One spelling in two groups would make matching depend on file order.
              throw new IllegalStateException(
                  "transliterations.txt lists "
                      + variant
                      + " under both "
                      + earlier
                      + " and "
                      + canonical);
            }
          }
        });
    Set<String> familyParticles = new HashSet<>();
    Set<String> givenMarkers = new HashSet<>();
    read(
        "name-particles.txt",
        (list, words) -> {
          switch (list) {
            case "family":
              familyParticles.addAll(words);
              break;
            case "given":
              givenMarkers.addAll(words);
              break;
            default:
              throw new IllegalStateException("name-particles.txt has an unknown list: " + list);
          }
        });
    Set<String> known = new HashSet<>();
    read("given-names.txt", (community, names) -> known.addAll(names));
    Map<String, Integer> sharing = new HashMap<>();
    for (String name : known) {
      for (String neighbour : deletionNeighbourhood(name)) {
        sharing.merge(neighbour, 1, Integer::sum);
      }
    }
    Set<String> shared = new HashSet<>();
    sharing.forEach(
        (neighbour, names) -> {
          if (names > 1) {
            shared.add(neighbour);
          }
        });
    return new NameVariants(
        Map.copyOf(nicknames),
        Map.copyOf(spellings),
        Set.copyOf(familyParticles),
        Set.copyOf(givenMarkers),
        Set.copyOf(shared));
  }

  private static void read(String resource, BiConsumer<String, List<String>> entry) {
    try (InputStream in = NameVariants.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing name table " + resource);
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int comment = line.indexOf('#');
        String content = (comment < 0 ? line : line.substring(0, comment)).strip();
        if (content.isEmpty()) {
          continue;
        }
        int colon = content.indexOf(':');
        if (colon < 0) {
          throw new IllegalStateException(resource + " has a line without a colon: " + content);
        }
        String head = NameNormaliser.normalise(content.substring(0, colon));
        List<String> values = new ArrayList<>();
        for (String value : content.substring(colon + 1).split(",")) {
          String normalised = NameNormaliser.normalise(value);
          if (!normalised.isEmpty()) {
            values.add(normalised);
          }
        }
        entry.accept(head, values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read name table " + resource, e);
    }
  }
}
