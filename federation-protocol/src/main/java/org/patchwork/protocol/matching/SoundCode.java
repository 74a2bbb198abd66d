package org.patchwork.protocol.matching;

import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * A code under which names that sound alike when read in English agree: Thompson and Thomson,
 * Jasmine and Jazmine, Sara and Sarah.
 */
final class SoundCode {

  /** Below this, names are so short that any sound code puts unrelated families together. */
  private static final int MIN_LENGTH = 3;

  /** The default of four letters would give Christopher and Christine the same code. */
  private static final int MAX_CODE_LENGTH = 12;

  private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

  static {
    METAPHONE.setMaxCodeLen(MAX_CODE_LENGTH);
  }

  private SoundCode() {}

  /**
   * The sound code of a normalised name: Double Metaphone between the first vowels and the final
   * vowel. Double Metaphone ignores vowels, and on its own it gives Tran and Trinh, Huong and Hung,
   * Omar and Amir, or twins Francesco and Francesca the same code: different families and different
   * people. Names it cannot read (other scripts, very short names) stand for themselves.
   */
  static String of(String name) {
    if (name.length() < MIN_LENGTH || !isLatin(name)) {
      return "=" + name;
    }
    String code = METAPHONE.doubleMetaphone(name);
    if (code == null || code.isEmpty()) {
      return "=" + name;
    }
    StringBuilder sound = new StringBuilder(code.length() + 4);
    appendFirstVowels(name, sound);
    sound.append(code);
    sound.append(finalVowel(name));
    return sound.toString();
  }

  private static void appendFirstVowels(String name, StringBuilder sound) {
    int start = sound.length();
    for (int i = 0; i < name.length(); i++) {
      char vowel = vowel(name, i);
      if (vowel != 0) {
        sound.append(vowel);
      } else if (sound.length() > start) {
        return;
      }
    }
    if (sound.length() == start) {
      sound.append('-');
    }
  }

  /** A final h after a vowel is silent, so Sarah ends like Sara. */
  private static char finalVowel(String name) {
    int last = name.length() - 1;
    if (name.charAt(last) == 'h' && last > 0 && vowel(name, last - 1) != 0) {
      last--;
    }
    char vowel = vowel(name, last);
    return vowel == 0 ? '-' : vowel;
  }

  /** The vowel at {@code i}, or 0. A leading y is a consonant (Yusuf); elsewhere it reads as i. */
  private static char vowel(String name, int i) {
    char c = name.charAt(i);
    switch (c) {
      case 'a', 'e', 'i', 'o', 'u':
        return c;
      case 'y':
        return i > 0 && name.charAt(i - 1) != ' ' ? 'i' : 0;
      default:
        return 0;
    }
  }

  private static boolean isLatin(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if ((c < 'a' || c > 'z') && c != ' ') {
        return false;
      }
    }
    return true;
  }
}
