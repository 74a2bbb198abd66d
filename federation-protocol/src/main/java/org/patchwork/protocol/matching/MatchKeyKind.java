package org.patchwork.protocol.matching;

/**
 * What a match key is made of, and so what agreeing on it says about two identities. Every kind
 * includes the date of birth or at least its year, so that no key ever stands for a common name
 * alone.
 *
 * <p>"Either order" means the day and month are compared as an unordered pair, which tolerates
 * 03/07 typed as 07/03 without a separate key.
 *
 * <p>The constant names are part of the token input, so renaming one changes every token of that
 * kind: treat it as a protocol change.
 */
public enum MatchKeyKind {
  /** All given names and the family name exactly (after normalisation), and the whole date. */
  EXACT_NAME_BIRTH_DATE(Grade.CERTAIN, true),

  /**
   * The first given name or a nickname or transliteration of it, with any one part of the family
   * name, in either position (so given and family name may be swapped), or the same pairing taken
   * from another recorded name; date in either order.
   */
  NAME_VARIANT_BIRTH_DATE(Grade.PROBABLE, true),

  /**
   * The first given name (or a variant) and a family name that sounds the same; date in either
   * order. Covers Thompson and Thomson.
   */
  FAMILY_SOUND_BIRTH_DATE(Grade.PROBABLE, true),

  /**
   * Given and family names that both only sound the same, in either position; date in either order.
   * Only possible, because twins' names often sound alike: a given name that merely sounds like
   * another with the same family name and birthday is the very pattern of twins.
   */
  NAME_SOUND_BIRTH_DATE(Grade.POSSIBLE, true),

  /**
   * The first given name with at most one character added, dropped, changed or two swapped (Khalid
   * and Khilid, Franceesca), with a family name part exactly and the same whole date. Built from
   * the deletion neighbourhood of the given name (the name and every spelling of it with one
   * character deleted): two spellings one such edit apart always share one. Only a neighbour that
   * no other known given name shares counts here (see {@link
   * #GIVEN_TYPO_SIMILAR_NAMES_BIRTH_DATE}).
   */
  GIVEN_TYPO_BIRTH_DATE(Grade.PROBABLE, true),

  /**
   * As {@link #GIVEN_TYPO_BIRTH_DATE} through a neighbour that two known given names share (Jayden
   * and Jaylen share "jayen", Minh and Linh "inh"): the pattern of twins, so only possible.
   */
  GIVEN_TYPO_SIMILAR_NAMES_BIRTH_DATE(Grade.POSSIBLE, true),

  /**
   * The first given name exactly, a family name part with at most one character added, dropped,
   * changed or two swapped (Papadopolous, Nguyne), and the same whole date; a deletion
   * neighbourhood of the family part. Twins share their family name, so this never joins them.
   */
  FAMILY_TYPO_BIRTH_DATE(Grade.PROBABLE, true),

  /** As {@link #NAME_VARIANT_BIRTH_DATE}, with only the year of birth. */
  NAME_VARIANT_BIRTH_YEAR(Grade.POSSIBLE, false),

  /** As {@link #NAME_SOUND_BIRTH_DATE}, with only the year of birth. */
  NAME_SOUND_BIRTH_YEAR(Grade.POSSIBLE, false),

  /**
   * One mistyped character in the first given name or a family name part (deletion neighbourhoods,
   * as {@link #GIVEN_TYPO_BIRTH_DATE} and {@link #FAMILY_TYPO_BIRTH_DATE}), with only the year of
   * birth.
   */
  NAME_TYPO_BIRTH_YEAR(Grade.POSSIBLE, false);

  private final Grade grade;
  private final boolean needsCompleteBirthDate;

  MatchKeyKind(Grade grade, boolean needsCompleteBirthDate) {
    this.grade = grade;
    this.needsCompleteBirthDate = needsCompleteBirthDate;
  }

  /** The grade that agreeing on this kind of key supports on its own. */
  public Grade grade() {
    return grade;
  }

  /**
   * Whether a token of this kind may be sent to another council only under the safeguarding
   * exception: a kind with only the year of birth holds less than a name part with the whole date
   * (the floor for what leaves a council on consent). {@code TokenInversion} in the hardening
   * benchmark measures each kind against that floor.
   */
  public boolean safeguardingOnly() {
    return !needsCompleteBirthDate;
  }

  /** Whether only identities with a complete date of birth have keys of this kind. */
  public boolean needsCompleteBirthDate() {
    return needsCompleteBirthDate;
  }
}
