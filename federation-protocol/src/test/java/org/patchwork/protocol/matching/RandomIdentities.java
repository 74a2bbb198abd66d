package org.patchwork.protocol.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates identities for the property tests: names from the communities the councils serve, mixed
 * with made-up names so that the properties do not rest on the tables. Seeded, so that a failure
 * can be replayed.
 */
final class RandomIdentities {

  static final String[] GIVEN_NAMES = {
    "Olivia",
    "Jack",
    "Siobhan",
    "Liam",
    "Charlotte",
    "William",
    "Bill",
    "Kate",
    "Sam",
    "Chris",
    "Lan",
    "Minh",
    "Linh",
    "Thi Lan",
    "Van Duc",
    "Huong",
    "Quang",
    "Anh",
    "Priya",
    "Rahul",
    "Harpreet",
    "Aarav",
    "Lakshmi",
    "Wei",
    "Xiaoming",
    "Mei",
    "Jia Hui",
    "Eleni",
    "Konstantinos",
    "Con",
    "Dimitra",
    "Giuseppe",
    "Maria",
    "Francesca",
    "Ayaan",
    "Ayesha",
    "Abdi",
    "Hodan",
    "Farah",
    "Achol",
    "Deng",
    "Nyabol",
    "Mohammed",
    "Fatima",
    "Yusuf",
    "Omar",
    "Amira",
    "Mary-Kate",
    "Jean-Luc",
    "Zoë",
    "Chloé",
    "Renée"
  };

  static final String[] FAMILY_NAMES = {
    "Smith",
    "O'Brien",
    "Murphy",
    "Kelly",
    "Walsh",
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Huynh",
    "Nguyen-Smith",
    "Sharma",
    "Singh",
    "Kaur",
    "Patel",
    "Zhang",
    "Li",
    "Chen",
    "Wong",
    "Papadopoulos",
    "Georgiou",
    "Russo",
    "Romano",
    "Esposito",
    "Garcia Lopez",
    "Mohamed",
    "Warsame",
    "Abdi",
    "Hussein",
    "Deng",
    "Garang",
    "Haddad",
    "Al-Hassan",
    "van der Berg",
    "de Souza",
    "MacDonald",
    "Ó Súilleabháin"
  };

  /** Names whose accents normalisation removes by decomposition. */
  static final String[] ACCENTED_NAMES = {
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Thị Lan",
    "Văn Đức",
    "Hương",
    "Quảng",
    "Ánh",
    "Zoë",
    "Chloé",
    "Renée",
    "José",
    "Ó Súilleabháin",
    "Müller",
    "Björk",
    "Ñúñez",
    "Çelik",
    "Şahin",
    "Dvořák",
    "Παπαδόπουλος",
    "Ελένη",
    "Йосиф",
    "Łukasz",
    "Øyvind",
    "Đặng"
  };

  private final SplittableRandom random;

  RandomIdentities(long seed) {
    this.random = new SplittableRandom(seed);
  }

  PersonIdentity identity() {
    List<String> given = new ArrayList<>();
    given.add(givenName());
    if (random.nextInt(4) == 0) {
      given.add(givenName());
    }
    return new PersonIdentity(given, familyName(), BirthDate.of(date()));
  }

  String givenName() {
    return random.nextInt(3) == 0 ? madeUpName() : pick(GIVEN_NAMES);
  }

  String familyName() {
    return random.nextInt(3) == 0 ? madeUpName() : pick(FAMILY_NAMES);
  }

  String accentedName() {
    return pick(ACCENTED_NAMES);
  }

  LocalDate date() {
    return LocalDate.ofEpochDay(
        random.nextLong(
            LocalDate.of(1930, 1, 1).toEpochDay(), LocalDate.of(2025, 12, 31).toEpochDay()));
  }

  boolean nextBoolean() {
    return random.nextBoolean();
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** Up to 100 characters from a mix of scripts, marks, punctuation and odd code points. */
  String anyText() {
    int length = random.nextInt(101);
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      int cp;
      switch (random.nextInt(8)) {
        case 0:
          cp = random.nextInt(0x20, 0x7F);
          break;
        case 1:
          cp = random.nextInt(0xA0, 0x250);
          break;
        case 2:
          cp = random.nextInt(0x1E00, 0x1F00);
          break;
        case 3:
          cp = random.nextInt(0x300, 0x370);
          break;
        case 4:
          cp = random.nextInt(0x370, 0x530);
          break;
        case 5:
          cp = random.nextInt(0x600, 0x700);
          break;
        case 6:
          cp = random.nextInt(0x2000, 0x3400);
          break;
        default:
          cp = random.nextInt(0xA0, 0x30000);
          break;
      }
      if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
        continue;
      }
      if (text.length() + Character.charCount(cp) > length) {
        break;
      }
      text.appendCodePoint(cp);
    }
    return text.toString();
  }

  private String madeUpName() {
    int length = random.nextInt(2, 11);
    StringBuilder name = new StringBuilder(length);
    name.append((char) random.nextInt('A', 'Z' + 1));
    for (int i = 1; i < length; i++) {
      name.append((char) random.nextInt('a', 'z' + 1));
    }
    return name.toString();
  }

  private String pick(String[] names) {
    return names[random.nextInt(names.length)];
  }
}
