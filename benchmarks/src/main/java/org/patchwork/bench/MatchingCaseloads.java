package org.patchwork.bench;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.PersonIdentity;
import org.patchwork.protocol.query.LegalBasis;

/**
 * Labelled synthetic caseloads for several councils, and the queries a practitioner at another
 * council types about their people: each query carries the kind of variation it was made with and
 * the records it should (and only those it should) find. Deterministic for a seed, so a before and
 * after run see the same people and the same queries.
 *
 * <p>The names come from Victoria's communities (Anglo-Celtic, Greek, Italian, Vietnamese, Chinese,
 * Indian, Somali, South Sudanese, Arabic, Turkish, Filipino, Pacific), some recorded with
 * diacritics, some hyphenated. The variations are what practitioners produce: case and punctuation,
 * nicknames, diacritics dropped, given and family swapped, day and month swapped, one part of a
 * hyphenated name, a middle name dropped, single-character typos (substitution with a neighbouring
 * key, insertion, deletion, transposition, a doubled or undoubled letter), only the year known, a
 * typo with only the year. The negatives are the people who must never be certain or probable: a
 * twin (same family name and date, another given name, often a similar one), a common name with
 * another date of birth, and a sibling.
 */
final class MatchingCaseloads {

  /** A kind of query: what was done to the recorded identity, and whether it should match. */
  enum Variation {
    EXACT(true, LegalBasis.CONSENT),
    CASE_AND_PUNCTUATION(true, LegalBasis.CONSENT),
    NICKNAME(true, LegalBasis.CONSENT),
    DIACRITICS_DROPPED(true, LegalBasis.CONSENT),
    SWAPPED_ORDER(true, LegalBasis.CONSENT),
    DAY_MONTH_SWAPPED(true, LegalBasis.CONSENT),
    HYPHENATED_PART(true, LegalBasis.CONSENT),
    MIDDLE_NAME_DROPPED(true, LegalBasis.CONSENT),
    TYPO_SUBSTITUTION(true, LegalBasis.CONSENT),
    TYPO_INSERTION(true, LegalBasis.CONSENT),
    TYPO_DELETION(true, LegalBasis.CONSENT),
    TYPO_TRANSPOSITION(true, LegalBasis.CONSENT),
    TYPO_DOUBLED_LETTER(true, LegalBasis.CONSENT),
    /** Only the year known at one side: possible at best, and only asked under safeguarding. */
    YEAR_ONLY(true, LegalBasis.SAFEGUARDING),
    TYPO_YEAR_ONLY(true, LegalBasis.SAFEGUARDING),
    /** The query is one twin (recorded too); the other twin must not be certain or probable. */
    TWIN(false, LegalBasis.CONSENT),
    /** A common name, another date of birth: never certain or probable. */
    SAME_NAME_OTHER_DATE(false, LegalBasis.CONSENT),
    /** Same family name, another given name and date. */
    SIBLING(false, LegalBasis.CONSENT);

    final boolean positive;
    final LegalBasis basis;

    Variation(boolean positive, LegalBasis basis) {
      this.positive = positive;
      this.basis = basis;
    }

    /** Whether a certain or probable grade is expected for the person asked about. */
    boolean strongExpected() {
      return positive && this != YEAR_ONLY && this != TYPO_YEAR_ONLY;
    }
  }

  /** One recorded client of one council. */
  record Person(String ref, String council, List<String> given, String family, BirthDate born) {
    PersonIdentity identity() {
      return new PersonIdentity(given, family, born);
    }
  }

  /**
   * A practitioner's question: the identity typed, under which basis, and the refs of the records
   * that are that person (empty for a negative: nothing should be certain or probable).
   */
  record Query(int number, Variation variation, PersonIdentity typed, Set<String> expected) {}

  record Caseloads(Map<String, List<Person>> councils, List<Query> queries) {
    int clients() {
      return councils.values().stream().mapToInt(List::size).sum();
    }
  }

  static final List<String> COUNCILS = List.of("kingston", "yarra", "wyndham");

  /** Kingston asks; the other councils answer. */
  static final String ASKING = "kingston";

  static final List<String> GIVEN =
      List.of(
          "Oliver",
          "Charlotte",
          "Jack",
          "Amelia",
          "William",
          "Isla",
          "Noah",
          "Mia",
          "Thomas",
          "Grace",
          "James",
          "Chloe",
          "Liam",
          "Ruby",
          "Lucas",
          "Zoe",
          "Ethan",
          "Sophie",
          "Harrison",
          "Matilda",
          "Jessica",
          "Rebecca",
          "Bridget",
          "Declan",
          "Siobhan",
          "Ciaran",
          "Minh",
          "Linh",
          "Thi Lan",
          "Van Duc",
          "Huong",
          "Tuan",
          "Phuong",
          "Khanh",
          "Quang",
          "Thanh",
          "Hoa",
          "Aarav",
          "Priya",
          "Rohan",
          "Ananya",
          "Arjun",
          "Vikram",
          "Sanjana",
          "Ishaan",
          "Kavya",
          "Harpreet",
          "Gurpreet",
          "Manpreet",
          "Wei",
          "Xiaoming",
          "Jiayi",
          "Zihan",
          "Yuxuan",
          "Haoran",
          "Georgios",
          "Eleni",
          "Konstantinos",
          "Dimitrios",
          "Sofia",
          "Panagiotis",
          "Anastasia",
          "Vasiliki",
          "Christos",
          "Giuseppe",
          "Francesca",
          "Alessandro",
          "Giulia",
          "Matteo",
          "Lucia",
          "Salvatore",
          "Antonella",
          "Vincenzo",
          "Abdirahman",
          "Hodan",
          "Mohamed",
          "Amina",
          "Farhiya",
          "Hamza",
          "Ifrah",
          "Abdullahi",
          "Nyandeng",
          "Garang",
          "Achol",
          "Majok",
          "Deng",
          "Ayen",
          "Khalid",
          "Fatima",
          "Youssef",
          "Mariam",
          "Layla",
          "Zainab",
          "Mustafa",
          "Ibrahim",
          "Emre",
          "Elif",
          "Mehmet",
          "Zeynep",
          "Burak",
          "Ayse",
          "Maricel",
          "Jerome",
          "Rowena",
          "Arnel",
          "Lorna",
          "Sione",
          "Losana",
          "Tevita",
          "Mele",
          "Samuel",
          "Katherine",
          "Michael",
          "Elizabeth",
          "Robert",
          "Daniel",
          "Nicholas",
          "Alexander",
          "Christopher",
          "Matthew",
          "Benjamin",
          "Joseph",
          "Jennifer",
          "Margaret",
          "Patrick",
          "Victoria",
          "Jonathan",
          "Anthony",
          "Stephen",
          "Natalie",
          "Andrew");

  /** Given names recorded with diacritics. */
  static final List<String> GIVEN_DIACRITICS =
      List.of(
          "Zoë",
          "José",
          "Renée",
          "Chloé",
          "François",
          "Siân",
          "Ngọc",
          "Thảo",
          "Đức",
          "Hương",
          "Ömer",
          "Şeyma",
          "Gülşen",
          "Mónica",
          "Inés",
          "Raphaël",
          "Noémie",
          "Anaïs",
          "Jérôme",
          "Iñaki");

  static final List<String> FAMILY =
      List.of(
          "Smith",
          "Jones",
          "Williams",
          "Brown",
          "Wilson",
          "Taylor",
          "Johnson",
          "White",
          "Martin",
          "Anderson",
          "Thompson",
          "Walker",
          "Harris",
          "Ryan",
          "O'Brien",
          "Murphy",
          "Kelly",
          "McCarthy",
          "Fitzgerald",
          "Nguyen",
          "Tran",
          "Pham",
          "Huynh",
          "Hoang",
          "Truong",
          "Dang",
          "Patel",
          "Singh",
          "Sharma",
          "Kumar",
          "Gupta",
          "Reddy",
          "Iyer",
          "Krishnan",
          "Chen",
          "Wang",
          "Zhang",
          "Liu",
          "Huang",
          "Zhao",
          "Papadopoulos",
          "Georgiou",
          "Nikolaidis",
          "Konstantinou",
          "Dimitriou",
          "Karamanlis",
          "Russo",
          "Romano",
          "Esposito",
          "Ricci",
          "Marino",
          "Greco",
          "Bruno",
          "Gallo",
          "Costa",
          "Abdi",
          "Hassan",
          "Mohamed",
          "Warsame",
          "Farah",
          "Osman",
          "Mabior",
          "Akol",
          "Garang",
          "Haddad",
          "Khalil",
          "Nasser",
          "Saleh",
          "Mansour",
          "Ibrahim",
          "Yildiz",
          "Demir",
          "Kaya",
          "Santos",
          "Reyes",
          "Bautista",
          "Villanueva",
          "Tuilagi",
          "Fifita",
          "Mitchell",
          "Campbell",
          "Stewart",
          "Robertson",
          "Fernando",
          "Perera",
          "Silva");

  static final List<String> FAMILY_DIACRITICS =
      List.of(
          "Nguyễn",
          "Trần",
          "Phạm",
          "Đặng",
          "Lê",
          "Müller",
          "Çelik",
          "Yılmaz",
          "Öztürk",
          "Sørensen",
          "Núñez",
          "García",
          "Peña",
          "Gonçalves",
          "Brontë",
          "Dvořák",
          "Lefèvre",
          "Şahin");

  static final List<String> FAMILY_HYPHENATED =
      List.of(
          "Nguyen-Smith",
          "Tran-Walker",
          "Garcia-Lopez",
          "Papadopoulos-Ryan",
          "Singh-Kaur",
          "Abdi-Warsame",
          "Russo-Kelly",
          "Chen-Wilson",
          "Haddad-Murphy",
          "Santos-Reyes");

  /** Nicknames a practitioner writes for the recorded name (pairs from the nickname table). */
  static final Map<String, List<String>> NICKNAMES =
      Map.ofEntries(
          Map.entry("William", List.of("Bill", "Will")),
          Map.entry("Samuel", List.of("Sam")),
          Map.entry("Katherine", List.of("Kate", "Katie")),
          Map.entry("Michael", List.of("Mike", "Mick")),
          Map.entry("Elizabeth", List.of("Liz", "Beth")),
          Map.entry("Robert", List.of("Bob", "Rob")),
          Map.entry("Daniel", List.of("Dan", "Danny")),
          Map.entry("Nicholas", List.of("Nick")),
          Map.entry("Alexander", List.of("Alex")),
          Map.entry("Christopher", List.of("Chris")),
          Map.entry("Matthew", List.of("Matt")),
          Map.entry("Benjamin", List.of("Ben")),
          Map.entry("Joseph", List.of("Joe")),
          Map.entry("Jennifer", List.of("Jenny")),
          Map.entry("Margaret", List.of("Maggie", "Meg")),
          Map.entry("Patrick", List.of("Paddy")),
          Map.entry("Victoria", List.of("Vicky", "Tori")),
          Map.entry("Jonathan", List.of("Jon")),
          Map.entry("Anthony", List.of("Tony")),
          Map.entry("Stephen", List.of("Steve")),
          Map.entry("Natalie", List.of("Nat")),
          Map.entry("Andrew", List.of("Andy")),
          Map.entry("Konstantinos", List.of("Kostas", "Con")),
          Map.entry("Giuseppe", List.of("Pino")),
          Map.entry("Salvatore", List.of("Sal")),
          Map.entry("Thomas", List.of("Tom")),
          Map.entry("James", List.of("Jim")));

  /**
   * Twins' given names: some unrelated, some one letter apart or rhyming, as parents choose them.
   */
  static final List<List<String>> TWIN_NAMES =
      List.of(
          List.of("Jayden", "Jaylen"),
          List.of("Aidan", "Aiden"),
          List.of("Minh", "Linh"),
          List.of("Mia", "Mya"),
          List.of("Ella", "Emma"),
          List.of("Liam", "Noah"),
          List.of("Olivia", "Sophia"),
          List.of("Hassan", "Hussein"),
          List.of("Thi Lan", "Thi Mai"),
          List.of("Eleni", "Elena"),
          List.of("Mason", "Jason"),
          List.of("Kayla", "Kyla"),
          List.of("Giulia", "Giulio"),
          List.of("Jack", "Oliver"),
          List.of("Amina", "Amira"),
          List.of("Deng", "Garang"),
          List.of("Arjun", "Aarav"),
          List.of("Mark", "Mary"),
          List.of("Carla", "Carlo"),
          List.of("Tuan", "Tuyen"));

  static final List<String> COMMON_GIVEN = List.of("Jack", "Mohamed", "Minh", "Wei", "Mia");
  static final List<String> COMMON_FAMILY = List.of("Nguyen", "Smith", "Singh", "Chen", "Ali");

  private static final String[] KEYBOARD = {
    "qwertyuiop", "asdfghjkl", "zxcvbnm",
  };

  private final Random random;
  private final Set<String> used = new HashSet<>();
  private int refs;

  private MatchingCaseloads(long seed) {
    this.random = new Random(seed);
  }

  /**
   * @param perCouncil background clients per council (each a distinct person)
   * @param perVariation queries of each variation kind
   */
  static Caseloads generate(long seed, int perCouncil, int perVariation) {
    return new MatchingCaseloads(seed).build(perCouncil, perVariation);
  }

  private Caseloads build(int perCouncil, int perVariation) {
    Map<String, List<Person>> councils = new LinkedHashMap<>();
    for (String council : COUNCILS) {
      councils.put(council, new ArrayList<>());
    }
    for (String council : COUNCILS) {
      for (int i = 0; i < perCouncil; i++) {
        councils.get(council).add(person(council, List.of(pick(GIVEN)), pick(FAMILY)));
      }
    }
    List<Query> queries = new ArrayList<>();
    for (Variation variation : Variation.values()) {
      for (int i = 0; i < perVariation; i++) {
        queries.add(query(queries.size() + 1, variation, councils));
      }
    }
    return new Caseloads(councils, queries);
  }

  private Query query(int number, Variation variation, Map<String, List<Person>> councils) {
    String council = random.nextBoolean() ? "yarra" : "wyndham";
    List<Person> held = councils.get(council);
    switch (variation) {
      case TWIN -> {
        List<String> names = TWIN_NAMES.get(random.nextInt(TWIN_NAMES.size()));
        String family = pick(FAMILY);
        BirthDate born = newDate();
        Person first = record(council, List.of(names.get(0)), family, born);
        // Twins usually live together; sometimes one is known to another council.
        String other = random.nextInt(4) == 0 ? otherCouncil(council) : council;
        Person second = record(other, List.of(names.get(1)), family, born);
        councils.get(council).add(first);
        councils.get(other).add(second);
        return new Query(number, variation, second.identity(), Set.of(second.ref()));
      }
      case SAME_NAME_OTHER_DATE -> {
        String given = pick(COMMON_GIVEN);
        String family = pick(COMMON_FAMILY);
        Person recorded = record(council, List.of(given), family, newDate());
        held.add(recorded);
        BirthDate other = newDate();
        return new Query(
            number, variation, new PersonIdentity(List.of(given), family, other), Set.of());
      }
      case SIBLING -> {
        Person recorded = person(council, List.of(pick(GIVEN)), pick(FAMILY));
        held.add(recorded);
        String given;
        do {
          given = pick(GIVEN);
        } while (given.equals(recorded.given().get(0)));
        return new Query(
            number,
            variation,
            new PersonIdentity(List.of(given), recorded.family(), newDate()),
            Set.of());
      }
      default -> {
        Person recorded = recordedFor(variation, council);
        held.add(recorded);
        return new Query(number, variation, typed(variation, recorded), Set.of(recorded.ref()));
      }
    }
  }

  /** A recorded person shaped so that the variation can be applied. */
  private Person recordedFor(Variation variation, String council) {
    return switch (variation) {
      case NICKNAME ->
          person(council, List.of(pick(List.copyOf(NICKNAMES.keySet()))), pick(FAMILY));
      case DIACRITICS_DROPPED ->
          random.nextBoolean()
              ? person(council, List.of(pick(GIVEN_DIACRITICS)), pick(FAMILY))
              : person(council, List.of(pick(GIVEN)), pick(FAMILY_DIACRITICS));
      case HYPHENATED_PART -> person(council, List.of(pick(GIVEN)), pick(FAMILY_HYPHENATED));
      case MIDDLE_NAME_DROPPED -> {
        String first = pick(GIVEN);
        String middle;
        do {
          middle = pick(GIVEN);
        } while (middle.equals(first));
        yield person(council, List.of(first, middle), pick(FAMILY));
      }
      case DAY_MONTH_SWAPPED -> {
        Person drawn = person(council, List.of(pick(GIVEN)), pick(FAMILY));
        LocalDate date = ((BirthDate.Complete) drawn.born()).date();
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(12);
        if (day == month) {
          day = day % 12 + 1;
        }
        yield record(
            council,
            drawn.given(),
            drawn.family(),
            BirthDate.of(LocalDate.of(date.getYear(), month, day)));
      }
      default -> person(council, List.of(pick(GIVEN)), pick(FAMILY));
    };
  }

  private PersonIdentity typed(Variation variation, Person p) {
    String given = p.given().get(0);
    String family = p.family();
    LocalDate date = p.born() instanceof BirthDate.Complete c ? c.date() : null;
    BirthDate born = p.born();
    return switch (variation) {
      case EXACT -> p.identity();
      case CASE_AND_PUNCTUATION ->
          identity(
              List.of(random.nextBoolean() ? given.toUpperCase(Locale.ROOT) : " " + given + " "),
              random.nextBoolean()
                  ? family.toLowerCase(Locale.ROOT).replace("'", "")
                  : family.toUpperCase(Locale.ROOT) + ".",
              born);
      case NICKNAME -> identity(List.of(pick(NICKNAMES.get(given))), family, born);
      case DIACRITICS_DROPPED -> identity(List.of(plain(given)), plain(family), born);
      case SWAPPED_ORDER -> identity(List.of(family), given, born);
      case DAY_MONTH_SWAPPED -> identity(p.given(), family, BirthDate.of(swapped(date)));
      case HYPHENATED_PART -> {
        String[] parts = family.split("-");
        yield identity(p.given(), parts[random.nextInt(parts.length)], born);
      }
      case MIDDLE_NAME_DROPPED -> identity(List.of(given), family, born);
      case TYPO_SUBSTITUTION,
          TYPO_INSERTION,
          TYPO_DELETION,
          TYPO_TRANSPOSITION,
          TYPO_DOUBLED_LETTER ->
          typo(variation, given, family, born);
      case YEAR_ONLY -> identity(p.given(), family, BirthDate.ofYear(born.year()));
      case TYPO_YEAR_ONLY ->
          typo(
              pick(
                  List.of(
                      Variation.TYPO_SUBSTITUTION,
                      Variation.TYPO_INSERTION,
                      Variation.TYPO_DELETION,
                      Variation.TYPO_TRANSPOSITION)),
              given,
              family,
              BirthDate.ofYear(born.year()));
      default -> throw new IllegalStateException(variation.name());
    };
  }

  /** One mistyped character in the given or the family name (a part of four letters or more). */
  private PersonIdentity typo(Variation kind, String given, String family, BirthDate born) {
    boolean inGiven = random.nextBoolean();
    String name = inGiven ? given : family;
    if (lettersOf(name) < 4) {
      inGiven = !inGiven;
      name = inGiven ? given : family;
    }
    String mistyped = mistype(kind, name);
    return inGiven
        ? identity(List.of(mistyped), family, born)
        : identity(List.of(given), mistyped, born);
  }

  private String mistype(Variation kind, String name) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int at = position(name);
      char c = name.charAt(at);
      String result =
          switch (kind) {
            case TYPO_SUBSTITUTION -> name.substring(0, at) + neighbour(c) + name.substring(at + 1);
            case TYPO_INSERTION ->
                name.substring(0, at + 1) + neighbour(c) + name.substring(at + 1);
            case TYPO_DELETION -> name.substring(0, at) + name.substring(at + 1);
            case TYPO_TRANSPOSITION ->
                at + 1 < name.length() && Character.isLetter(name.charAt(at + 1))
                    ? name.substring(0, at) + name.charAt(at + 1) + c + name.substring(at + 2)
                    : name;
            case TYPO_DOUBLED_LETTER -> doubled(name, at);
            default -> throw new IllegalStateException(kind.name());
          };
      if (!result.equalsIgnoreCase(name) && lettersOf(result) >= 2) {
        return result;
      }
    }
    return name.substring(0, name.length() - 1);
  }

  /** A doubled letter written once (Phillip as Philip) or a single one written twice. */
  private static String doubled(String name, int at) {
    for (int i = 1; i < name.length(); i++) {
      if (Character.toLowerCase(name.charAt(i)) == Character.toLowerCase(name.charAt(i - 1))) {
        return name.substring(0, i) + name.substring(i + 1);
      }
    }
    return name.substring(0, at + 1) + name.charAt(at) + name.substring(at + 1);
  }

  /** Mostly not the first letter (people rarely get it wrong), sometimes it. */
  private int position(String name) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int at = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(Math.max(1, name.length() - 1));
      if (at < name.length() && Character.isLetter(name.charAt(at))) {
        return at;
      }
    }
    return 0;
  }

  /** A key next to this one on a QWERTY keyboard, in the same case. */
  private char neighbour(char c) {
    char lower = Character.toLowerCase(c);
    for (String row : KEYBOARD) {
      int i = row.indexOf(lower);
      if (i >= 0) {
        int j = i == 0 ? 1 : i == row.length() - 1 ? i - 1 : i + (random.nextBoolean() ? 1 : -1);
        char n = row.charAt(j);
        return Character.isUpperCase(c) ? Character.toUpperCase(n) : n;
      }
    }
    return 'e';
  }

  private static int lettersOf(String name) {
    return (int) name.chars().filter(Character::isLetter).count();
  }

  private static String plain(String name) {
    String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return decomposed.replace('Đ', 'D').replace('đ', 'd').replace('ı', 'i').replace('ø', 'o');
  }

  private static LocalDate swapped(LocalDate date) {
    return LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
  }

  private static PersonIdentity identity(List<String> given, String family, BirthDate born) {
    return new PersonIdentity(given, family, born);
  }

  private String otherCouncil(String council) {
    return council.equals("yarra") ? "wyndham" : "yarra";
  }

  /** A new person nobody else in the caseloads shares name and birthday with. */
  private Person person(String council, List<String> given, String family) {
    for (int attempt = 0; ; attempt++) {
      BirthDate born = newDate();
      if (used.add(String.join(" ", given).toLowerCase(Locale.ROOT) + "|" + family + "|" + born)
          || attempt > 20) {
        return new Person("R" + ++refs, council, given, family, born);
      }
    }
  }

  private Person record(String council, List<String> given, String family, BirthDate born) {
    used.add(String.join(" ", given).toLowerCase(Locale.ROOT) + "|" + family + "|" + born);
    return new Person("R" + ++refs, council, given, family, born);
  }

  /**
   * Children and young people, 0 to 18; the day is at most 12 for a third of them so that the day
   * and month can be swapped.
   */
  private BirthDate newDate() {
    LocalDate date = LocalDate.of(2007, 1, 1).plusDays(random.nextInt(19 * 365));
    if (random.nextInt(3) == 0) {
      date = date.withDayOfMonth(1 + random.nextInt(12));
    }
    return BirthDate.of(date);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
