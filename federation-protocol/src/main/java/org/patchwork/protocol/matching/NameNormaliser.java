package org.patchwork.protocol.matching;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;

/**
 * Reduces a name to the form both sides of a match compare: lower case, no accents, no apostrophes,
 * and parts separated by single spaces ("Nguyễn-Smith" and "nguyen smith" are the same name). It
 * deliberately does not know about nicknames or transliterations; those are variants, which grade
 * lower than an exact match.
 */
public final class NameNormaliser {

  /** Longer than any real name, short enough to bound the work done per name at import. */
  public static final int MAX_LENGTH = 100;

  private static final int MAX_FOLDS = 3;

  private NameNormaliser() {}

  /**
   * Returns the normalised name: its parts joined by single spaces, possibly empty when the name
   * holds no letters at all.
   *
   * @throws IllegalArgumentException if the name is missing, longer than {@value #MAX_LENGTH}
   *     characters or contains a control character
   */
  public static String normalise(String name) {
    return normalise("A name", name);
  }

  /** Returns the parts of the normalised name, for example {@code [nguyen, smith]}. */
  public static List<String> parts(String name) {
    String normalised = normalise(name);
    return normalised.isEmpty() ? List.of() : Arrays.asList(normalised.split(" "));
  }

  static String normalise(String field, String name) {
    if (name == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    String trimmed = name.strip();
    if (trimmed.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          field
              + " is too long: it has "
              + trimmed.length()
              + " characters and at most "
              + MAX_LENGTH
              + " are allowed");
    }
    boolean ascii = true;
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            field
                + " contains a control character (such as a tab or a line break); names can only"
                + " hold letters, spaces, hyphens and apostrophes");
      }
      ascii &= c < 0x80;
    }
    String folded = ascii ? foldAscii(trimmed) : foldUnicode(trimmed);
    if (folded.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          field
              + " is too long: it has "
              + folded.length()
              + " characters once ligatures and accents are spelled out, and at most "
              + MAX_LENGTH
              + " are allowed");
    }
    return folded;
  }

  private static String foldAscii(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean separate = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\'' || c == '`') {
        continue;
      }
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        if (separate && out.length() > 0) {
          out.append(' ');
        }
        separate = false;
        out.append(c >= 'a' ? c : (char) (c + ('a' - 'A')));
      } else {
        separate = true;
      }
    }
    return out.toString();
  }

  private static String foldUnicode(String name) {
    String folded = foldOnce(name);
    // Lower-casing a handful of letters yields one that decomposes again; folding until nothing
    // changes keeps normalise(normalise(x)) equal to normalise(x), which stored keys rely on.
    for (int i = 1; i < MAX_FOLDS && !isAscii(folded); i++) {
      String again = foldOnce(folded);
      if (again.equals(folded)) {
        break;
      }
      folded = again;
    }
    return folded;
  }

  private static String foldOnce(String name) {
    // The acute accent used as an apostrophe (O´Brien) decomposes into a space and a mark, which
    // would split the name, so it goes before decomposition.
    String decomposed =
        Normalizer.normalize(
            name.indexOf('\u00B4') >= 0 ? name.replace("\u00B4", "") : name, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    boolean separate = false;
    for (int i = 0; i < decomposed.length(); ) {
      int cp = decomposed.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK
          || type == Character.COMBINING_SPACING_MARK
          || type == Character.ENCLOSING_MARK
          || type == Character.FORMAT
          || isApostrophe(cp)) {
        continue;
      }
      if (!Character.isLetter(cp)) {
        separate = true;
        continue;
      }
      if (separate && out.length() > 0) {
        out.append(' ');
      }
      separate = false;
      // Per code point (the root locale's simple mapping) so that no letter grows a dot on the
      // way, as String.toLowerCase does with the Turkish capital İ.
      int lower = Character.toLowerCase(cp);
      String spelled = spellOut(lower);
      if (spelled == null) {
        out.appendCodePoint(lower);
      } else {
        out.append(spelled);
      }
    }
    return out.toString();
  }

  private static boolean isApostrophe(int cp) {
    switch (cp) {
      case '\'': // apostrophe
      case '`': // grave accent typed for an apostrophe
      case 0x2018: // left single quotation mark
      case 0x2019: // right single quotation mark, what word processors insert
      case 0x02B9: // modifier letter prime
      case 0x02BB: // modifier letter turned comma (okina)
      case 0x02BC: // modifier letter apostrophe
      case 0x2032: // prime
        return true;
      default:
        return false;
    }
  }

  /** Letters that carry no combining mark in Unicode, so decomposition leaves them untouched. */
  private static String spellOut(int lowerCaseLetter) {
    switch (lowerCaseLetter) {
      case 0x0111: // đ, Vietnamese
      case 0x00F0: // ð
        return "d";
      case 0x00DF: // ß
        return "ss";
      case 0x00F8: // ø
        return "o";
      case 0x00E6: // æ
        return "ae";
      case 0x0142: // ł
        return "l";
      case 0x0153: // œ
        return "oe";
      case 0x00FE: // þ
        return "th";
      case 0x0131: // dotless ı, Turkish
        return "i";
      case 0x0127: // ħ, Maltese
        return "h";
      case 0x03C2: // ς, the Greek sigma at the end of a word, which upper case does not keep
        return "σ";
      default:
        return null;
    }
  }

  private static boolean isAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
