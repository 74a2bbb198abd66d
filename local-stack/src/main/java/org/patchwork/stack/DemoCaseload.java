package org.patchwork.stack;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A fictional caseload for each council's demo, in the import format: a few hundred clients with
 * names from Melbourne's communities, the council's teams and practitioners (the demo accounts
 * among them, so that they have caseloads), and about thirty people known to several councils under
 * spellings that differ as real records do. The same council always gets the same file.
 */
public final class DemoCaseload {

  public static final String HEADER =
      "client_ref,given_names,family_name,date_of_birth,postcode,team,practitioner_email,"
          + "started_on,sensitivity,consent";

  /** Clients of each council besides the people several councils know. */
  static final int CLIENTS_PER_COUNCIL = 300;

  private static final long SEED = 20_240_601L;

  /** A team of the demo councils, created through the teams API before the import. */
  public record DemoTeam(String name, String service, String sensitivity, String contactRoute) {}

  /** One community's names: given names (girls', then boys') and family names. */
  private record Community(String[] girls, String[] boys, String[] families) {}

  private static final List<Community> COMMUNITIES =
      List.of(
          new Community(
              new String[] {"Charlotte", "Olivia", "Amelia", "Isla", "Grace", "Chloe", "Ruby"},
              new String[] {"Oliver", "Jack", "William", "Noah", "Thomas", "Liam", "James"},
              new String[] {"Smith", "Jones", "Williams", "Brown", "Kelly", "Murphy", "Ryan"}),
          new Community(
              new String[] {"Thị Lan", "Ngọc Anh", "Thu Hà", "Mai", "Linh", "Thảo", "Hương"},
              new String[] {"Minh", "Văn Hùng", "Quang", "Đức", "Tuấn", "Bảo", "Khoa"},
              new String[] {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng"}),
          new Community(
              new String[] {"Priya", "Ananya", "Aisha", "Diya", "Kavya", "Meera", "Simran"},
              new String[] {"Arjun", "Rohan", "Aarav", "Vihaan", "Harpreet", "Ishaan", "Dev"},
              new String[] {"Sharma", "Patel", "Singh", "Kumar", "Reddy", "Iyer", "Gill"}),
          new Community(
              new String[] {"Mei", "Xin Yi", "Jia Hui", "Yan", "Ling", "Qian", "Hui Min"},
              new String[] {"Wei", "Jun", "Hao", "Yi Chen", "Zhi Wei", "Ming", "Lei"},
              new String[] {"Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Zhou"}),
          new Community(
              new String[] {"Eleni", "Maria", "Katerina", "Sofia", "Despina", "Georgia"},
              new String[] {"Nikolaos", "Georgios", "Dimitrios", "Konstantinos", "Yiannis"},
              new String[] {"Papadopoulos", "Georgiou", "Dimitriou", "Nikolaidis", "Karagiannis"}),
          new Community(
              new String[] {"Giulia", "Francesca", "Chiara", "Alessia", "Lucia", "Rosa"},
              new String[] {"Giuseppe", "Antonio", "Marco", "Luca", "Matteo", "Salvatore"},
              new String[] {"Russo", "Rossi", "Esposito", "Romano", "Ferrari", "Bianchi"}),
          new Community(
              new String[] {"Hodan", "Fadumo", "Ayaan", "Sahra", "Hibaaq", "Nasra", "Ifrah"},
              new String[] {"Abdirahman", "Mohamed", "Abdi", "Hassan", "Yusuf", "Liban"},
              new String[] {"Abdi", "Warsame", "Farah", "Osman", "Hirsi", "Jama", "Ali"}),
          new Community(
              new String[] {"Achol", "Nyabol", "Abuk", "Adut", "Nyandeng", "Awut"},
              new String[] {"Deng", "Garang", "Majok", "Akech", "Chol", "Mabior"},
              new String[] {"Deng", "Garang", "Malual", "Akot", "Bol", "Kuol", "Majok"}),
          new Community(
              new String[] {"Fatima", "Mariam", "Layla", "Noor", "Zainab", "Yasmin", "Rana"},
              new String[] {"Ahmed", "Omar", "Khalid", "Ibrahim", "Youssef", "Karim", "Ali"},
              new String[] {"Haddad", "Khoury", "Hussein", "Saleh", "Nasser", "Mansour"}));

  /**
   * People several councils know, each spelled as each council recorded them: "given|family|date"
   * per council in the order of {@link Council}; a blank entry means that council does not know
   * them. Diacritics dropped, nicknames, hyphenation, a second family name, given and family name
   * swapped, day and month swapped, a transliteration: the differences search must see through.
   */
  static final String[][] SHARED = {
    {"Thị Lan|Nguyễn|2011-04-09", "Thi Lan|Nguyen|2011-04-09", "Lan|Nguyen|2011-09-04", "", ""},
    {"William|O'Brien|2009-02-11", "Bill|OBrien|2009-02-11", "", "Will|O'Brien|2009-11-02", ""},
    {"Mohamed|Abdi|2012-06-03", "", "Mohammed|Abdi|2012-03-06", "", "Maxamed|Cabdi|2012-06-03"},
    {
      "Sofia|Garcia Lopez|2014-01-15",
      "Sofia|Garcia-Lopez|2014-01-15",
      "",
      "Sofia|Lopez|2014-01-15",
      ""
    },
    {
      "",
      "Zoë|Papadopoulos|2010-07-22",
      "Zoe|Papadopulos|2010-07-22",
      "",
      "Zoe|Papadopoulos|2010-07-22"
    },
    {"Katherine|Murphy|2008-05-12", "Kate|Murphy|2008-12-05", "", "", "Katie|Murphy|2008-05-12"},
    {"Deng|Garang|2007-10-01", "", "", "Garang|Deng|2007-10-01", "Deng|Garang|2007-01-10"},
    {"", "Aisha|Hassan|2013-03-30", "Ayesha|Hasan|2013-03-30", "Aisha|Xasan|2013-03-30", ""},
    {"Giuseppe|Russo|2009-08-08", "", "Giuseppe|Russo|2009-08-08", "Guiseppe|Russo|2009-08-08", ""},
    {"Minh|Trần|2015-02-03", "Minh|Tran|2015-03-02", "", "", "Minh|Tran|2015-02-03"},
    {"Wei|Zhang|2010-11-05", "", "Zhang|Wei|2010-11-05", "", "Wei|Zhang|2010-05-11"},
    {"Priya|Sharma|2012-09-17", "Priya|Sharma-Patel|2012-09-17", "", "Priya|Patel|2012-09-17", ""},
    {"", "", "Antonio|Esposito|2008-06-21", "Tony|Esposito|2008-06-21", "Antonio|Esposito|2008"},
    {
      "Nikolaos|Georgiou|2009-04-04",
      "Nikos|Georgiou|2009-04-04",
      "Nick|Georgiou|2009-04-04",
      "",
      ""
    },
    {"Youssef|Haddad|2011-12-01", "", "", "Yusuf|Haddad|2011-01-12", "Yousef|Haddad|2011-12-01"},
    {"Fatima|Warsame|2016-07-07", "Faduma|Warsame|2016-07-07", "", "", "Fatuma|Warsame|2016"},
    {"", "Achol|Malual|2006-03-14", "", "Achol|Malual|2006-03-14", "Malual|Achol|2006-03-14"},
    {"Ngọc Anh|Phạm|2019-08-02", "Ngoc Anh|Pham|2019-02-08", "Ngoc Anh|Pham|2019-08-02", "", ""},
    {"Liam|Kelly|2013-01-09", "", "Liam|Kelly-Ryan|2013-01-09", "Liam|Kelly|2013-09-01", ""},
    {"", "Mariam|Hussein|2014-10-10", "", "Mariam|Husain|2014-10-10", "Mariam|Hussain|2014-10-10"},
    {"Rohan|Singh Gill|2007-05-06", "Rohan|Gill|2007-05-06", "Rohan|Singh|2007-06-05", "", ""},
    {"Ling|Chen|2018-12-12", "", "", "Ling|Chen|2018-12-12", "Chen|Ling|2018-12-12"},
    {"Daniel|Nguyễn Smith|2010-02-28", "Danny|Nguyen-Smith|2010-02-28", "", "", ""},
    {
      "", "Abdirahman|Osman|2005-11-11", "Abdulrahman|Osman|2005-11-11", "", "Abdirahman|Usman|2005"
    },
    {"Elizabeth|Walsh|2017-03-04", "", "Liz|Walsh|2017-04-03", "Beth|Walsh|2017-03-04", ""},
    {"Huong|Lê|2016-06-16", "Hương|Le|2016-06-16", "", "", "Huong|Le|2016-06-16"},
    {"", "Omar|Khoury|2012-08-09", "", "Umar|Khoury|2012-09-08", "Omar|Khoury|2012-08-09"},
    {"Matthew|Brown|2009-10-20", "Matt|Brown|2009-10-20", "Matthew|Browne|2009-10-20", "", ""},
    {"Chiara|Romano|2011-01-02", "", "Chiara|Romano|2011-02-01", "", "Chiara|Romano|2011-01-02"},
    {"Nyandeng|Bol|2015-04-05", "Nyandeng|Bol|2015-05-04", "", "Nyandeng|Bol Akot|2015-04-05", ""},
  };

  private DemoCaseload() {}

  /** The council's teams: its own services, partner agencies and one restricted service. */
  public static List<DemoTeam> teams(Council council) {
    String place = council.displayName().replace("City of ", "").replace(" City Council", "");
    return List.of(
        new DemoTeam("Youth Services", "YOUTH_SERVICES", "STANDARD", "youth@" + domain(council)),
        new DemoTeam(
            "Maternal & Child Health",
            "MATERNAL_CHILD_HEALTH",
            "STANDARD",
            "mch@" + domain(council)),
        new DemoTeam(place + " Secondary College Wellbeing", "SCHOOL", "STANDARD", "03 9000 1000"),
        new DemoTeam(place + " Community Health", "HEALTH", "STANDARD", "03 9000 2000"),
        new DemoTeam("Family Violence Support", "CHARITY", "RESTRICTED", null));
  }

  /** The council's demo caseload as CSV in the import format, the same on every call. */
  public static String csv(Council council) {
    Random random = new Random(SEED * 31 + council.ordinal());
    List<DemoTeam> teams = teams(council);
    List<List<String>> staff = staff(council);
    String prefix = council.id().substring(0, 3).toUpperCase(Locale.ROOT);
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < SHARED.length; i++) {
      String spelling = SHARED[i][council.ordinal()];
      if (!spelling.isEmpty()) {
        String[] parts = spelling.split("\\|");
        rows(csv, random, String.format("%s-S%02d", prefix, i + 1), parts, teams, staff);
      }
    }
    for (int i = 1; i <= CLIENTS_PER_COUNCIL; i++) {
      Community community = COMMUNITIES.get(random.nextInt(COMMUNITIES.size()));
      String[] given = random.nextBoolean() ? community.girls() : community.boys();
      boolean baby = random.nextInt(3) == 0;
      LocalDate born =
          baby
              ? LocalDate.of(2019, 1, 1).plusDays(random.nextInt(6 * 365))
              : LocalDate.of(2003, 1, 1).plusDays(random.nextInt(12 * 365));
      String[] person = {
        given[random.nextInt(given.length)],
        community.families()[random.nextInt(community.families().length)],
        random.nextInt(25) == 0 ? Integer.toString(born.getYear()) : born.toString()
      };
      rows(csv, random, String.format("%s-%05d", prefix, i), person, teams, staff);
    }
    return csv.toString();
  }

  /**
   * Each team's practitioners by e-mail: the demo accounts first, so that they carry the biggest
   * caseloads, then fictional colleagues.
   */
  private static List<List<String>> staff(Council council) {
    String domain = domain(council);
    List<List<String>> staff = new ArrayList<>();
    staff.add(
        List.of(demoEmail(council, "youth.worker"), "s.okafor@" + domain, "j.tran@" + domain));
    staff.add(List.of(demoEmail(council, "mch.nurse"), "r.costa@" + domain));
    staff.add(List.of("wellbeing@" + domain, "m.haddad@" + domain));
    staff.add(List.of("k.nguyen@" + domain, "p.iyer@" + domain));
    staff.add(List.of(demoEmail(council, "gatekeeper")));
    return staff;
  }

  private static void rows(
      StringBuilder csv,
      Random random,
      String ref,
      String[] person,
      List<DemoTeam> teams,
      List<List<String>> staff) {
    boolean child = person[2].compareTo("2019") >= 0;
    int first = child ? 1 : random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 0;
    String consent = consent(random);
    int postcode = 3000 + random.nextInt(1000);
    row(csv, random, ref, person, postcode, teams, staff, first, consent);
    if (random.nextInt(4) == 0) {
      int second = random.nextInt(10) == 0 ? 4 : child ? 3 : new int[] {0, 2, 3}[random.nextInt(3)];
      if (second != first) {
        row(csv, random, ref, person, postcode, teams, staff, second, consent);
      }
    }
  }

  private static void row(
      StringBuilder csv,
      Random random,
      String ref,
      String[] person,
      int postcode,
      List<DemoTeam> teams,
      List<List<String>> staff,
      int team,
      String consent) {
    List<String> practitioners = staff.get(team);
    // The demo account of a team gets half of its caseload.
    String practitioner =
        random.nextBoolean()
            ? practitioners.get(0)
            : practitioners.get(random.nextInt(practitioners.size()));
    LocalDate started = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(700));
    csv.append(ref)
        .append(',')
        .append(quoted(person[0]))
        .append(',')
        .append(quoted(person[1]))
        .append(',')
        .append(person[2])
        .append(',')
        .append(postcode)
        .append(',')
        .append(quoted(teams.get(team).name()))
        .append(',')
        .append(practitioner)
        .append(',')
        .append(started)
        .append(',')
        .append(teams.get(team).sensitivity().toLowerCase(Locale.ROOT))
        .append(',')
        .append(consent)
        .append('\n');
  }

  private static String consent(Random random) {
    int roll = random.nextInt(20);
    return roll < 12 ? "given" : roll < 17 ? "not-asked" : roll < 19 ? "refused" : "withdrawn";
  }

  private static String quoted(String value) {
    return value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('&') >= 0
        ? '"' + value.replace("\"", "\"\"") + '"'
        : value;
  }

  private static String domain(Council council) {
    return council.id() + ".patchwork.test";
  }

  private static String demoEmail(Council council, String username) {
    return new DemoLogin(council.id(), username, null, List.of(), null, null).email();
  }
}
